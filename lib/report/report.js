/* report.js - what the HTML report's script adds to a page that is whole
   without it: the filters (kind, source, text over facts), the matrix's sort,
   the side-by-side choice of documents and the fact marked in them. The view
   lives in the URL fragment (#kinds=...&source=...&q=...&docs=...&fact=...), so
   a link shares it. The page's CSP runs this script by its SHA-256 and nothing
   else; it builds every element with textContent, never from markup. */
(function () {
  'use strict';
  var KINDS = ['conflict', 'disputed', 'update', 'acknowledged', 'currencies',
    'compatible', 'agreement'];
  var state = {
    kinds: KINDS.slice(), source: '', event: '', q: '', docs: [], fact: '', sort: 'discrepancy'
  };

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  // Ids the page itself made (d12, f3, s7): nothing else from the URL is used.
  function ids(list, prefix) {
    var re = new RegExp('^' + prefix + '[0-9]+$');
    return list.filter(function (x) { return re.test(x); });
  }

  var matrix = $('#fact-matrix');
  var body = matrix ? matrix.tBodies[0] : null;
  var rows = body ? Array.prototype.slice.call(body.rows) : [];
  var cards = $$('section.finding');
  var texts = $$('#side-by-side .doc-text');
  var filters = $('#filters');
  var picker = $('#picker');
  var count = el('span', '', '');
  count.id = 'filter-count';
  var viewLink = $('#view-link');
  rows.forEach(function (tr, i) { tr.dataset.order = String(i); });

  /* ---- the view and the URL fragment ---- */

  function readHash() {
    var h = location.hash.slice(1);
    if (h.indexOf('=') < 0) return false;
    var p = new URLSearchParams(h);
    state.kinds = p.has('kinds') ? p.get('kinds').split(',').filter(function (k) {
      return KINDS.indexOf(k) >= 0;
    }) : KINDS.slice();
    state.source = ids([p.get('source') || ''], 's')[0] || '';
    state.event = /^[0-9]+$/.test(p.get('event') || '') ? p.get('event') : '';
    state.q = p.get('q') || '';
    state.docs = ids((p.get('docs') || '').split(','), 'd');
    state.fact = ids([p.get('fact') || ''], 'f')[0] || '';
    state.sort = ['discrepancy', 'fact', 'documents'].indexOf(p.get('sort')) >= 0
      ? p.get('sort') : 'discrepancy';
    return true;
  }

  function fragment() {
    var p = new URLSearchParams();
    if (state.kinds.length !== KINDS.length) p.set('kinds', state.kinds.join(','));
    if (state.source) p.set('source', state.source);
    if (state.event) p.set('event', state.event);
    if (state.q) p.set('q', state.q);
    if (state.docs.length) p.set('docs', state.docs.join(','));
    if (state.fact) p.set('fact', state.fact);
    if (state.sort !== 'discrepancy') p.set('sort', state.sort);
    return p.toString();
  }

  function writeHash() {
    var f = fragment();
    history.replaceState(null, '', f ? '#' + f : location.pathname + location.search);
    if (viewLink) viewLink.href = '#' + (f || 'view=');
  }

  /* ---- filters ---- */

  function hasSource(e) {
    return !state.source ||
      (' ' + (e.dataset.sources || '') + ' ').indexOf(' ' + state.source + ' ') >= 0;
  }
  function shown(e, label) {
    var q = state.q.trim().toLowerCase();
    return state.kinds.indexOf(e.dataset.kind) >= 0 && hasSource(e) &&
      (!state.event || e.dataset.event === state.event) &&
      (!q || label.toLowerCase().indexOf(q) >= 0);
  }
  // One event chosen: its columns only (the cells of other events' columns
  // in its rows are the "out" ones).
  function applyEvent() {
    $$('#fact-matrix thead th.doc').forEach(function (th) {
      th.classList.toggle('filtered-out', !!state.event && th.dataset.event !== state.event);
    });
    $$('#fact-matrix td.out').forEach(function (td) {
      td.classList.toggle('filtered-out', !!state.event);
    });
  }
  function applyFilters() {
    var n = 0;
    rows.forEach(function (tr) {
      var ok = shown(tr, tr.cells[0].textContent);
      tr.classList.toggle('filtered-out', !ok);
      n += ok;
    });
    cards.forEach(function (c) {
      var label = $('.label', c);
      c.classList.toggle('filtered-out', !shown(c, label ? label.textContent : ''));
    });
    count.textContent = n + ' of ' + rows.length + ' facts in the matrix';
    applyEvent();
  }

  function syncControls() {
    $$('input[name=kind]', filters).forEach(function (b) {
      b.checked = state.kinds.indexOf(b.value) >= 0;
    });
    $('#filter-source').value = state.source;
    if ($('#filter-event')) $('#filter-event').value = state.event;
    $('#filter-text').value = state.q;
    $$('.sorter button').forEach(function (b) {
      b.setAttribute('aria-pressed', String(b.dataset.sort === state.sort));
    });
    $$('input[name=doc]', picker).forEach(function (b) {
      b.checked = state.docs.indexOf(b.value) >= 0;
    });
  }

  function setupFilters() {
    filters.hidden = false;
    filters.appendChild(count);
    filters.addEventListener('submit', function (e) { e.preventDefault(); });
    filters.addEventListener('input', function () {
      state.kinds = $$('input[name=kind]', filters).filter(function (b) { return b.checked; })
        .map(function (b) { return b.value; });
      state.source = $('#filter-source').value;
      state.event = $('#filter-event') ? $('#filter-event').value : '';
      state.q = $('#filter-text').value;
      writeHash();
      applyFilters();
    });
  }

  /* ---- the matrix's sort ---- */

  var SORTS = {
    discrepancy: function (a, b) {
      return a.dataset.rank - b.dataset.rank || b.dataset.docs - a.dataset.docs ||
        a.dataset.order - b.dataset.order;
    },
    fact: function (a, b) {
      return a.cells[0].textContent.localeCompare(b.cells[0].textContent) ||
        a.dataset.order - b.dataset.order;
    },
    documents: function (a, b) {
      return b.dataset.docs - a.dataset.docs || a.dataset.rank - b.dataset.rank ||
        a.dataset.order - b.dataset.order;
    }
  };
  function applySort() {
    var sorted = rows.slice().sort(SORTS[state.sort]);
    var frag = document.createDocumentFragment();
    sorted.forEach(function (tr) { frag.appendChild(tr); });
    body.appendChild(frag);
  }
  function setupSort() {
    var bar = el('div', 'sorter', 'Sort the facts:');
    [['discrepancy', 'discrepancy first'], ['fact', 'by fact'], ['documents', 'most documents']]
      .forEach(function (s) {
        var b = el('button', '', s[1]);
        b.type = 'button';
        b.dataset.sort = s[0];
        b.addEventListener('click', function () {
          state.sort = s[0];
          writeHash();
          syncControls();
          applySort();
        });
        bar.appendChild(b);
      });
    matrix.parentNode.parentNode.insertBefore(bar, matrix.parentNode);
  }

  /* ---- side by side ---- */

  function columnHead(doc) { return $('#fact-matrix thead th[data-doc="' + doc + '"]'); }

  var status = el('p', 'hint', '');
  status.id = 'side-by-side-status';

  function showDocs() {
    var chosen = state.docs.length ? state.docs : null;
    var n = 0;
    texts.forEach(function (a) {
      a.hidden = chosen !== null && chosen.indexOf(a.dataset.doc) < 0;
      n += !a.hidden;
    });
    var row = state.fact ? document.getElementById('row-' + state.fact) : null;
    status.textContent = (row ? 'Marked: ' + row.cells[0].firstChild.textContent + ' (' +
      row.dataset.kind + '). ' : '') + 'Showing ' + n + ' of ' + texts.length + ' documents.';
  }

  var NOTE_FIGURES = 10;

  // The other documents' figures of the fact, beside one of its marks.
  function marginNote(mark, row) {
    var doc = mark.closest('.doc-text').dataset.doc;
    var note = el('aside', 'margin-note ' + ('k-' + row.dataset.kind));
    note.appendChild(el('b', '', row.cells[0].firstChild.textContent));
    var others = Array.prototype.filter.call(row.cells, function (td) {
      return td.dataset.doc && td.dataset.doc !== doc;
    });
    // A fact of hundreds of documents: the first figures, and how many more.
    others.slice(0, NOTE_FIGURES).forEach(function (td) {
      var head = columnHead(td.dataset.doc);
      var figs = $$('a', td).map(function (a) { return a.textContent; }).join(', ');
      var who = head ? $('.who', head).textContent + ', ' + $('.when', head).textContent : '';
      note.appendChild(el('div', '', figs + ' (' + who + ')'));
    });
    if (others.length > NOTE_FIGURES)
      note.appendChild(el('div', '', 'and ' + (others.length - NOTE_FIGURES) + ' more in the matrix'));
    var p = mark.closest('p');
    p.parentNode.insertBefore(note, p.nextSibling);
  }

  function markFact() {
    $$('mark.chosen').forEach(function (m) { m.classList.remove('chosen'); });
    $$('.margin-note').forEach(function (n) { n.parentNode.removeChild(n); });
    rows.forEach(function (tr) { tr.classList.remove('current'); });
    var row = state.fact ? document.getElementById('row-' + state.fact) : null;
    if (!row) return [];
    row.classList.add('current');
    var marks = $$('#side-by-side mark[data-finding="' + state.fact + '"]');
    marks.forEach(function (m) {
      m.classList.add('chosen');
      marginNote(m, row);
    });
    return marks;
  }

  // Each column scrolls to its first marked figure, the page to the columns.
  function scrollToMarks(marks) {
    var done = {};
    marks.forEach(function (m) {
      var col = m.closest('.doc-text');
      if (col.hidden || done[col.id]) return;
      done[col.id] = true;
      col.scrollTop = Math.max(0, m.offsetTop - col.clientHeight / 3);
    });
    $('#side-by-side-view').scrollIntoView({ block: 'start' });
  }

  function openFact(fid) {
    var row = document.getElementById('row-' + fid);
    if (!row) return;
    state.fact = fid;
    state.docs = Array.prototype.filter.call(row.cells, function (td) { return td.dataset.doc; })
      .map(function (td) { return td.dataset.doc; });
    writeHash();
    syncControls();
    showDocs();
    scrollToMarks(markFact());
  }

  function setupPicker() {
    picker.hidden = false;
    picker.appendChild(el('b', '', 'Documents to read side by side: '));
    var all = el('button', '', 'all');
    all.type = 'button';
    all.addEventListener('click', function () {
      state.docs = [];
      writeHash();
      syncControls();
      showDocs();
    });
    picker.appendChild(all);
    var box = el('div', 'choices');
    texts.forEach(function (a) {
      var label = el('label');
      var b = el('input');
      b.type = 'checkbox';
      b.name = 'doc';
      b.value = a.dataset.doc;
      label.appendChild(b);
      var h = $('header', a);
      var file = $('code', h);
      label.appendChild(document.createTextNode(' ' + $('.who', h).textContent + ', ' +
        $('.when', h).textContent + (file ? ' (' + file.textContent + ')' : '')));
      box.appendChild(label);
    });
    picker.appendChild(box);
    picker.parentNode.insertBefore(status, picker.nextSibling);
    picker.addEventListener('submit', function (e) { e.preventDefault(); });
    box.addEventListener('change', function () {
      state.docs = $$('input[name=doc]', picker).filter(function (b) { return b.checked; })
        .map(function (b) { return b.value; });
      writeHash();
      showDocs();
    });
  }

  function setupRows() {
    body.addEventListener('click', function (e) {
      var tr = e.target.closest('tr');
      if (!tr || (e.target.closest('a') && e.target.closest('th'))) return; // the fact's card
      e.preventDefault();
      openFact(tr.dataset.finding);
    });
    // From the keyboard: a row takes the focus, Enter opens it.
    rows.forEach(function (tr) { tr.tabIndex = 0; });
    body.addEventListener('keydown', function (e) {
      var tr = e.target.closest('tr');
      if (!tr || e.target !== tr || e.key !== 'Enter') return;
      e.preventDefault();
      openFact(tr.dataset.finding);
    });
  }

  /* ---- start ---- */

  // A link to a finding inside the collapsed section opens it; one to a figure
  // in a text not shown adds that text to the ones shown.
  function openTarget() {
    var id = location.hash.slice(1);
    var t = id && id.indexOf('=') < 0 ? document.getElementById(id) : null;
    var d = t ? t.closest('details') : null;
    if (d) d.open = true;
    var col = t ? t.closest('.doc-text') : null;
    if (col && col.hidden) {
      state.docs.push(col.dataset.doc);
      syncControls();
      showDocs();
      t.scrollIntoView({ block: 'center' });
    }
  }

  function render(scroll) {
    syncControls();
    applyFilters();
    if (body) applySort();
    showDocs();
    var marks = markFact();
    if (scroll && marks.length) scrollToMarks(marks);
  }

  document.documentElement.classList.add('js');
  if (filters) setupFilters();
  if (picker && texts.length) setupPicker();
  if (body) {
    setupSort();
    setupRows();
  }
  render(readHash());
  openTarget();
  window.addEventListener('hashchange', function () {
    if (readHash()) render(true);
    else openTarget();
  });
})();
