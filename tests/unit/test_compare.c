/* test_compare.c - verdicts, interval logic, events and frames, on wire-copy sentences. */
#include "helpers.h"
#include "model/model.h" /* the interval logic is tested directly */
#include "rules/rules.h"

static fd_ruleset *rules;
static void setup(void) { rules = test_rules(); }
static void teardown(void) { fd_ruleset_free(rules); }

static const char sent_002[] = "According to the Russian Defence Ministry, Russia assisted with "
                               "the city's recapture by deploying fighter jets in 40 missions "
                               "that bombed 120 targets.";
static const char sent_004[] = "The Russian Defense ministry said on March 27 that its forces "
                               "had made 40 flights over the area of Palmyra during the last 24 "
                               "hours, striking 117 targets and killing more than 80 militants.";

START_TEST(conflict_agreement_between_two_reports) {
    const char *texts[] = {sent_002, sent_004};
    const char *dates[] = {"2016-03-27", "2016-03-27"};
    fd_run *r = run_texts(rules, texts, 2, dates);
    const fd_finding *f = finding_for(r, "targets/struck/count");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fd_finding_kind(f), FD_KIND_CONFLICT);
    ck_assert_int_eq((int)fd_finding_claim_count(f), 2);
    ck_assert_ptr_nonnull(strstr(fd_finding_summary(f), "120"));
    ck_assert_ptr_nonnull(strstr(fd_finding_summary(f), "117"));
    f = finding_for(r, "sorties/count");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fd_finding_kind(f), FD_KIND_AGREEMENT);
    ck_assert_uint_eq(fd_run_conflict_count(r), 1);
    fd_run_free(r);
}
END_TEST

START_TEST(bound_and_exact_are_compatible) {
    const char *texts[] = {
        "The battles cost the lives of at least 400 Islamic State fighters, according to the "
        "Observatory.",
        "Rami Abdulrahman, head of the Observatory, said that 400 Islamic State fighters died."};
    fd_run *r = run_texts(rules, texts, 2, NULL);
    const fd_finding *f = finding_for(r, "militants/killed/count");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fd_finding_kind(f), FD_KIND_COMPATIBLE);
    fd_run_free(r);
}
END_TEST

START_TEST(vague_and_bound_are_compatible) {
    const char *texts[] = {"Sappers said more than 50 bombs had been defused.",
                           "Army sappers have already defused dozens of the makeshift bombs."};
    fd_run *r = run_texts(rules, texts, 2, NULL);
    const fd_finding *f = finding_for(r, "explosives/defused/count");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fd_finding_kind(f), FD_KIND_COMPATIBLE);
    fd_run_free(r);
}
END_TEST

START_TEST(different_events_never_compared) {
    const char *texts[] = {"Jets bombed 120 targets near Palmyra.",
                           "Jets bombed 117 targets near Palmyra."};
    const char *dates[] = {"2016-03-27", "2017-03-03"};
    fd_run *r = run_texts(rules, texts, 2, dates);
    ck_assert_int_ne(fd_doc_event(fd_run_doc(r, 0)), fd_doc_event(fd_run_doc(r, 1)));
    ck_assert_uint_eq(fd_run_finding_count(r), 0);
    fd_run_free(r);
}
END_TEST

// A wire carries many stories at once: two tolls of one week, in two places
// that never name each other, are two events.
START_TEST(concurrent_stories_never_compared) {
    const char *texts[] = {"The earthquake in Morocco killed 2,000 people. Morocco mourns.",
                           "The blast in Beirut killed 135 people. Beirut mourns."};
    const char *dates[] = {"2023-09-09", "2023-09-10"};
    fd_run *r = run_texts(rules, texts, 2, dates);
    ck_assert_int_ne(fd_doc_event(fd_run_doc(r, 0)), fd_doc_event(fd_run_doc(r, 1)));
    ck_assert_ptr_null(finding_for(r, "people/killed/count"));
    fd_run_free(r);
}
END_TEST

// A report from Lebanon on the toll of the Beirut blast: its scene lies in the
// story's (rules: Beirut is "in" Lebanon) and it counts what the story counts.
START_TEST(report_from_the_country_joins_the_story_of_its_capital) {
    const char *texts[] = {"The blast in Beirut killed 135 people. Beirut mourns.",
                           "The blasts at the port killed at least 137 people, the health "
                           "minister of Lebanon said. Lebanon mourns."};
    const char *dates[] = {"2020-08-05", "2020-08-06"};
    fd_run *r = run_texts(rules, texts, 2, dates);
    ck_assert_int_eq(fd_doc_event(fd_run_doc(r, 0)), fd_doc_event(fd_run_doc(r, 1)));
    ck_assert_ptr_nonnull(finding_for(r, "people/killed/count"));
    fd_run_free(r);
}
END_TEST

// A story that names no place twice joins the story of the week it shares a
// name with, not another that only counts the same thing.
START_TEST(document_without_a_scene_joins_the_story_it_names) {
    const char *texts[] = {"The blast in Beirut killed 135 people, Hamad Hassan said. Beirut mourns.",
                           "The earthquake in Morocco killed 2,000 people. Morocco mourns.",
                           "At least 137 people were killed, Hamad Hassan said."};
    const char *dates[] = {"2020-08-05", "2020-08-05", "2020-08-06"};
    fd_run *r = run_texts(rules, texts, 3, dates);
    ck_assert_int_eq(fd_doc_event(fd_run_doc(r, 2)), fd_doc_event(fd_run_doc(r, 0)));
    ck_assert_int_ne(fd_doc_event(fd_run_doc(r, 1)), fd_doc_event(fd_run_doc(r, 0)));
    const fd_finding *f = finding_for(r, "people/killed/count");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fd_finding_claim_count(f), 2);
    fd_run_free(r);
}
END_TEST

// Many stories over two months, in places of four groups that never name each
// other (a city with its country), some naming no place, some undated: every
// document has an event, events are numbered in date order of their first
// documents, and no event or finding joins two groups (a document naming no
// place may join any).
enum { MIXED_DOCS = 240, MIXED_GROUPS = 4 };

static int group_of_doc[MIXED_DOCS];
static long day_of_doc[MIXED_DOCS];

static void mixed_texts(char texts[][160], const char **dates, char date_room[][16]) {
    static const char *const places[][2] = {
        {"Beirut", "Lebanon"}, {"Rabat", "Morocco"}, {"Kobani", "Syria"}, {"Paris", "France"}};
    unsigned seed = 12345;
    for (int i = 0; i < MIXED_DOCS; i++) {
        seed = seed * 1103515245u + 12345u;
        unsigned r = seed >> 8;
        int g = (int)(r % MIXED_GROUPS), which = (int)(r / 7 % 2), kind = (int)(r / 13 % 5);
        int day = (int)(r / 17 % 60), toll = 100 + (int)(r / 19 % 50);
        const char *place = places[g][which];
        group_of_doc[i] = kind == 0 ? -1 : g;
        if (kind == 0) // no place: attaches somewhere, binds nothing
            snprintf(texts[i], 160, "At least %d people were killed, officials said.", toll);
        else
            snprintf(texts[i], 160, "The attack in %s killed %d people. %s mourns.", place,
                     toll, place);
        day_of_doc[i] = kind == 1 ? -1 : day;
        snprintf(date_room[i], 16, "2024-%02d-%02d", 3 + day / 30, 1 + day % 30);
        dates[i] = kind == 1 ? NULL : date_room[i];
    }
}

START_TEST(many_stories_of_two_months_stay_apart) {
    static char texts[MIXED_DOCS][160], date_room[MIXED_DOCS][16];
    const char *dates[MIXED_DOCS];
    const char *ptrs[MIXED_DOCS];
    mixed_texts(texts, dates, date_room);
    for (int i = 0; i < MIXED_DOCS; i++)
        ptrs[i] = texts[i];
    fd_run *r = run_texts(rules, ptrs, MIXED_DOCS, dates);
    int group_of_event[MIXED_DOCS], next = 0;
    for (int e = 0; e < MIXED_DOCS; e++)
        group_of_event[e] = -1;
    // In date order (day, then reading order), events first appear as 0, 1, 2, ...
    for (long day = 0; day < 60; day++)
        for (int i = 0; i < MIXED_DOCS; i++) {
            int e = fd_doc_event(fd_run_doc(r, (size_t)i));
            ck_assert_int_ge(e, 0);
            ck_assert_int_lt(e, MIXED_DOCS);
            if (day_of_doc[i] != day)
                continue;
            ck_assert_int_le(e, next);
            next += e == next;
        }
    for (int i = 0; i < MIXED_DOCS; i++) {
        int e = fd_doc_event(fd_run_doc(r, (size_t)i)), g = group_of_doc[i];
        if (g < 0) // a document naming no place may go anywhere
            continue;
        ck_assert_msg(group_of_event[e] < 0 || group_of_event[e] == g,
                      "event %d holds groups %d and %d", e, group_of_event[e], g);
        group_of_event[e] = g;
    }
    ck_assert_int_ge(next, MIXED_GROUPS); // at least a story for each group
    ck_assert_uint_gt(fd_run_finding_count(r), 0);
    for (size_t f = 0; f < fd_run_finding_count(r); f++) {
        const fd_finding *fi = fd_run_finding(r, f);
        int g = -1;
        for (size_t k = 0; k < fd_finding_claim_count(fi); k++) {
            const fd_doc *d = fd_claim_doc(fd_finding_claim(fi, k));
            int i = 0;
            while (fd_run_doc(r, (size_t)i) != d)
                i++;
            int dg = group_of_doc[i];
            ck_assert_msg(g < 0 || dg < 0 || g == dg, "a finding compares groups %d and %d", g,
                          dg);
            g = dg >= 0 ? dg : g;
        }
    }
    fd_run_free(r);
}
END_TEST

START_TEST(undated_document_joins_the_event_it_shares_facts_with) {
    const char *texts[] = {"Jets bombed 120 targets near Palmyra.",
                           "Militants destroyed 10 temples.",
                           "Jets bombed 117 targets near Palmyra."};
    const char *dates[] = {"2016-03-27", "2017-03-03", NULL};
    fd_run *r = run_texts(rules, texts, 3, dates);
    ck_assert_int_eq(fd_doc_event(fd_run_doc(r, 2)), fd_doc_event(fd_run_doc(r, 0)));
    ck_assert_uint_eq(fd_run_conflict_count(r), 1);
    fd_run_free(r);
}
END_TEST

START_TEST(different_originators_or_windows_are_different_facts) {
    const char *texts[] = {
        "The Observatory said 400 militants were killed in the three weeks of fighting.",
        "Within 24 hours, around 80 militants were killed, the Russian Defence Ministry said."};
    fd_run *r = run_texts(rules, texts, 2, NULL);
    ck_assert_uint_eq(fd_run_conflict_count(r), 0);
    fd_run_free(r);
}
END_TEST

START_TEST(claims_of_one_document_alone_make_no_finding) {
    const char *texts[] = {"Jets bombed 120 targets. Later, jets bombed 117 targets."};
    fd_run *r = run_texts(rules, texts, 1, NULL);
    ck_assert_uint_eq(fd_run_finding_count(r), 0);
    fd_run_free(r);
}
END_TEST

START_TEST(originators_disagreeing_is_a_dispute) {
    const char *texts[] = {
        "More than a million people joined Sunday's march, organisers said.",
        "The police said at its peak there were 240,000 people on the march."};
    fd_run *r = run_texts(rules, texts, 2, NULL);
    const fd_finding *f = finding_of_kind(r, FD_KIND_DISPUTED);
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(fd_finding_key(f), "people/protested/count");
    ck_assert_ptr_nonnull(strstr(fd_finding_summary(f), "organisers"));
    ck_assert_ptr_nonnull(strstr(fd_finding_summary(f), "police"));
    ck_assert_uint_eq(fd_run_conflict_count(r), 1);
    fd_run_free(r);
}
END_TEST

static size_t count_of_kind(const fd_run *r, fd_kind k);

// A toll that later stories raise is one running total, whoever gives it; on
// one day two originators' different tolls are still a dispute.
START_TEST(a_running_total_is_no_dispute) {
    const char *texts[] = {"Officials said the death toll had risen to 67 people.",
                           "Police said 106 people have died in the fire."};
    const char *later[] = {"2023-08-11", "2023-08-16"};
    fd_run *r = run_texts(rules, texts, 2, later);
    ck_assert_uint_eq(count_of_kind(r, FD_KIND_DISPUTED), 0);
    const fd_finding *f = finding_of_kind(r, FD_KIND_UPDATE);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq((int)fd_finding_claim_count(f), 2);
    fd_run_free(r);
    const char *same_day[] = {"2023-08-16", "2023-08-16"};
    r = run_texts(rules, texts, 2, same_day);
    ck_assert_uint_eq(count_of_kind(r, FD_KIND_DISPUTED), 1);
    fd_run_free(r);
}
END_TEST

START_TEST(originators_agreeing_is_no_dispute) {
    const char *texts[] = {"Organisers said 240,000 people joined the march.",
                           "The police said 240,000 people joined the march."};
    fd_run *r = run_texts(rules, texts, 2, NULL);
    ck_assert_uint_eq(fd_run_conflict_count(r), 0);
    fd_run_free(r);
}
END_TEST

static fd_run *run_paths(const char *const *paths, int n) {
    fd_run *r = fd_run_new(rules);
    for (int i = 0; i < n; i++)
        ck_assert_int_eq(fd_run_add_path(r, paths[i], NULL), 1);
    fd_error err = {0};
    ck_assert_int_eq(fd_run_check(r, &err), 0);
    return r;
}

// Real stories: B92 on 5 August 2020 (135 dead, 5,000 injured), Islam Times on
// 6 August (at least 137 dead, more than 5,000 injured).
START_TEST(later_higher_toll_is_an_update) {
    const char *paths[] = {FD_SOURCE_DIR "/fixtures/beirut-2020/01_b92.txt",
                           FD_SOURCE_DIR "/fixtures/beirut-2020/05_islamtimes.txt"};
    fd_run *r = run_paths(paths, 2);
    const fd_finding *f = finding_for(r, "people/killed/count");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fd_finding_kind(f), FD_KIND_UPDATE);
    // "5,000 injured" and "more than 5,000": the bare round figure paraphrases
    // the open one, so the two agree
    f = finding_for(r, "people/injured/count");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fd_finding_kind(f), FD_KIND_COMPATIBLE);
    fd_run_free(r);
}
END_TEST

// The verdict on two one-sentence stories with dates (NULL: undated).
static fd_kind verdict_of(const char *a, const char *b, const char *date_a, const char *date_b,
                          const char *key) {
    const char *texts[] = {a, b};
    const char *dates[] = {date_a, date_b};
    fd_run *r = run_texts(rules, texts, 2, dates);
    const fd_finding *f = finding_for(r, key);
    ck_assert_msg(f != NULL, "no finding on %s", key);
    fd_kind k = fd_finding_kind(f);
    fd_run_free(r);
    return k;
}

START_TEST(conventions_decide_verdicts) {
    const char *d = "2023-05-22";
    // the digits set the precision: 61% is 60.5-61.5, so 61.2% fits and 61.8% not
    ck_assert_int_eq(verdict_of("Turnout was 61% in the city.", "Turnout was 61.2% in the city.",
                                d, d, "people/protested/percent"),
                     FD_KIND_COMPATIBLE);
    ck_assert_int_eq(verdict_of("Turnout was 61% in the city.", "Turnout was 61.8% in the city.",
                                d, d, "people/protested/percent"),
                     FD_KIND_CONFLICT);
    // "$5bn" is 4.5-5.5 bn: "$5.3bn" fits
    ck_assert_int_eq(verdict_of("The firm was fined $5bn by the regulator.",
                                "The firm was fined $5.3bn by the regulator.", d, d,
                                "fined/money/usd"),
                     FD_KIND_COMPATIBLE);
    // "nearly 300" allows 270-300: 310 is beyond it
    ck_assert_int_eq(verdict_of("Nearly 300 homes were destroyed.", "310 homes were destroyed.",
                                d, d, "home/destroyed/count"),
                     FD_KIND_CONFLICT);
    ck_assert_int_eq(verdict_of("Nearly 300 homes were destroyed.", "280 homes were destroyed.",
                                d, d, "home/destroyed/count"),
                     FD_KIND_COMPATIBLE);
    // "hundreds" is 200-999 but compared open above, as the gold checker does:
    // loose words meet a higher count, never a lower one
    ck_assert_int_eq(verdict_of("Hundreds of homes were destroyed.",
                                "1,200 homes were destroyed.", d, d, "home/destroyed/count"),
                     FD_KIND_COMPATIBLE);
    ck_assert_int_eq(verdict_of("Hundreds of homes were destroyed.",
                                "150 homes were destroyed.", d, d, "home/destroyed/count"),
                     FD_KIND_CONFLICT);
    // a bare round figure paraphrases "more than X"
    ck_assert_int_eq(verdict_of("More than 500 homes were destroyed.",
                                "500 homes were destroyed.", d, d, "home/destroyed/count"),
                     FD_KIND_COMPATIBLE);
}
END_TEST

// Undated reports of a rising toll: the one that says the toll has risen to
// its figure is the later, so the higher figure is an update, not a conflict.
START_TEST(an_undated_risen_toll_is_an_update) {
    ck_assert_int_eq(verdict_of("Forty people were killed when the ferry sank.",
                                "The death toll has risen to 48, officials said.", NULL, NULL,
                                "people/killed/count"),
                     FD_KIND_UPDATE);
    ck_assert_int_eq(verdict_of("Forty people were killed when the ferry sank.",
                                "The sinking killed 48 people, officials said.", NULL, NULL,
                                "people/killed/count"),
                     FD_KIND_CONFLICT);
}
END_TEST

// Two reports of the toll before the latest: an earlier figure against an
// earlier figure, never against the latest.
START_TEST(earlier_figures_meet_earlier_figures) {
    const char *d = "2011-06-05";
    ck_assert_int_eq(verdict_of("The death toll had previously been reported to be 18.",
                                "The toll climbed to 22, adding three victims to the previously "
                                "confirmed 19.",
                                d, d, "people/killed/count"),
                     FD_KIND_CONFLICT);
}
END_TEST

// Shares of the vote: the same fact however the copy words it, and the Yes and
// No shares kept apart.
START_TEST(shares_of_the_vote) {
    const char *d = "2024-03-09";
    ck_assert_int_eq(verdict_of("In all, 67.7% voted No in the referendum.",
                                "The count found 67% of voters voted No.", d, d,
                                "votes/voted/percent"),
                     FD_KIND_CONFLICT);
    {
        const char *sides[] = {"The count found 1,021,546 votes against the amendment.",
                               "The count found 487,564 votes in favour of the amendment."};
        const char *days[] = {d, d};
        fd_run *rs = run_texts(rules, sides, 2, days);
        ck_assert_int_eq(fd_run_finding_count(rs), 0); // a no side and a yes side
        fd_run_free(rs);
    }
    {
        // a side is a part of the total: never the total of another report
        const char *parts[] = {"In total, 1,114,620 people voted to reject the changes.",
                               "Some 1,525,221 people voted in the referendum."};
        const char *days[] = {d, d};
        fd_run *rs = run_texts(rules, parts, 2, days);
        ck_assert_int_eq(fd_run_finding_count(rs), 0);
        fd_run_free(rs);
    }
    {
        // two referendums on one day: their Yes shares are two facts
        const char *two[] = {"In the family referendum, 32.3% voted Yes.",
                             "In the care referendum, 26.1% voted Yes."};
        const char *days[] = {d, d};
        fd_run *rs = run_texts(rules, two, 2, days);
        ck_assert_int_eq(fd_run_finding_count(rs), 0);
        fd_run_free(rs);
    }
    const char *texts[] = {"In all, 67.7% voted No in the referendum.",
                           "In all, 32.3% voted Yes in the referendum."};
    const char *dates[] = {d, d};
    fd_run *r = run_texts(rules, texts, 2, dates);
    ck_assert_int_eq(fd_run_finding_count(r), 0);
    fd_run_free(r);
}
END_TEST

// Where a figure was counted: a count in another place is a part, not the
// story's figure; a count in the place the story is about is the story's.
START_TEST(a_place_apart_and_the_scene) {
    const char *d = "2024-05-02";
    const char *texts[] = {"The flood killed 41 people in the region, officials said.",
                           "The flood killed 12 people in Riverton, officials said."};
    const char *dates[] = {d, d};
    fd_run *r = run_texts(rules, texts, 2, dates);
    ck_assert_int_eq(fd_run_finding_count(r), 0);
    fd_run_free(r);
    {
        // the scene's count is a part where its story gives the whole beside it
        const char *paris[] = {"In Paris, police counted 119,000 protesters in Paris, and "
                               "1.09 million protesters marched nationwide. Paris was calm.",
                               "Some 1.1 million protesters marched nationwide, police said."};
        const char *days[] = {d, d};
        fd_run *rp = run_texts(rules, paris, 2, days);
        for (size_t i = 0; i < fd_run_finding_count(rp); i++)
            ck_assert_int_ne(fd_finding_kind(fd_run_finding(rp, i)), FD_KIND_CONFLICT);
        fd_run_free(rp);
    }
    ck_assert_int_eq(verdict_of("The siege of Kobani goes on. Fighting in Kobani killed 374 "
                                "militants in Kobani, the monitor said.",
                                "The siege goes on. The fighting killed 380 militants, the "
                                "monitor said.",
                                d, d, "militants/killed/count"),
                     FD_KIND_CONFLICT);
}
END_TEST

// A part beside its whole: "38 crew" and "38 people aboard" agree, a whole
// smaller than its part does not, and two parts of one whole are not compared.
START_TEST(a_part_beside_its_whole) {
    const char *d = "2024-01-05";
    ck_assert_int_eq(verdict_of("The tanker sank with 38 crew aboard.",
                                "The tanker sank with 38 people aboard.", d, d,
                                "people/count"),
                     FD_KIND_COMPATIBLE);
    ck_assert_int_eq(verdict_of("The tanker sank with 38 crew aboard.",
                                "The tanker sank with 30 people aboard.", d, d,
                                "people/count"),
                     FD_KIND_CONFLICT);
    ck_assert_int_eq(verdict_of("The tanker sank with 20 crew aboard.",
                                "The tanker sank with 38 people aboard.", d, d,
                                "people/count"),
                     FD_KIND_COMPATIBLE);
    const char *texts[] = {"The ferry sank with 38 crew aboard.",
                           "The ferry sank with 200 passengers aboard."};
    const char *dates[] = {d, d};
    fd_run *r = run_texts(rules, texts, 2, dates);
    ck_assert_int_eq(fd_run_finding_count(r), 0);
    fd_run_free(r);
}
END_TEST

// A distance is keyed by the place it is measured from, never by the compass word.
START_TEST(a_distance_by_where_it_is_measured_from) {
    const char *d = "2023-09-09";
    ck_assert_int_eq(verdict_of("The epicentre was 60 km west of the capital.",
                                "The epicentre was about 90 km east of the capital.", d, d,
                                "capital/distance"),
                     FD_KIND_CONFLICT);
    ck_assert_int_eq(verdict_of("The town lies 72 km southwest of Marrakech.",
                                "The town lies about 70 kilometers from Marrakech.", d, d,
                                "marrakech/distance"),
                     FD_KIND_COMPATIBLE);
}
END_TEST

// Units of one dimension are converted before they are compared, temperatures
// with their own zero: 104F is 40C, 95F is 35C; 33,000 feet is 10.06 km.
START_TEST(units_convert_within_a_dimension) {
    const char *d = "2023-07-10";
    ck_assert_int_eq(verdict_of("The heat in Seville hit 40C.", "The heat in Seville hit 104F.",
                                d, d, "struck/temperature"),
                     FD_KIND_COMPATIBLE);
    ck_assert_int_eq(verdict_of("The heat in Seville hit 40C.", "The heat in Seville hit 95F.",
                                d, d, "struck/temperature"),
                     FD_KIND_CONFLICT);
    ck_assert_int_eq(verdict_of("The epicentre was 33,000 feet west of the capital.",
                                "The epicentre was about 10 km west of the capital.", d, d,
                                "capital/distance"),
                     FD_KIND_COMPATIBLE);
}
END_TEST

// "from 62 to 64": the old figure and the new one are two facts, keyed by the
// noun that names them.
START_TEST(the_ends_of_a_change) {
    const char *d = "2023-03-23";
    ck_assert_int_eq(verdict_of("The law raises the retirement age from 62 to 64.",
                                "The reform raises the retirement age from 62 to 65 years.", d, d,
                                "retirement age to/age"),
                     FD_KIND_CONFLICT);
    ck_assert_int_eq(verdict_of("The law raises the retirement age from 62 to 64.",
                                "The reform raises the retirement age from 62 to 65 years.", d, d,
                                "retirement age from/age"),
                     FD_KIND_AGREEMENT);
}
END_TEST

START_TEST(different_places_are_different_facts) {
    const char *d = "2023-03-23";
    ck_assert_int_eq(verdict_of("Police counted 119,000 protesters in Paris.",
                                "Police counted 120,000 protesters in Paris.", d, d,
                                "people/protested/count"),
                     FD_KIND_CONFLICT);
    {
        // "around the nation" is the whole; "in the city" a part of it
        const char *parts[] = {"The ministry deployed 12,000 police officers around the nation.",
                               "Nearly 5,000 police officers kept order in the city."};
        const char *days[] = {d, d};
        fd_run *rp = run_texts(rules, parts, 2, days);
        ck_assert_int_eq(fd_run_finding_count(rp), 0);
        fd_run_free(rp);
    }
    const char *texts[] = {"Police counted 1.09 million protesters nationwide.",
                           "Police counted 119,000 protesters in Paris."};
    const char *dates[] = {d, d};
    fd_run *r = run_texts(rules, texts, 2, dates);
    ck_assert_int_eq(fd_run_finding_count(r), 0);
    fd_run_free(r);
}
END_TEST

// No rate is given: euros and pounds are not compared, and the one finding says so.
START_TEST(different_currencies_are_different_facts) {
    const char *texts[] = {"The firm was fined \u20ac1.2bn by the regulator.",
                           "The firm was fined \u00a31bn by the regulator."};
    const char *dates[] = {"2023-05-22", "2023-05-22"};
    fd_run *r = run_texts(rules, texts, 2, dates);
    ck_assert_int_eq(fd_run_finding_count(r), 1);
    ck_assert_int_eq(fd_finding_kind(fd_run_finding(r, 0)), FD_KIND_CURRENCIES);
    fd_run_free(r);
}
END_TEST

static size_t count_of_kind(const fd_run *r, fd_kind k) {
    size_t n = 0;
    for (size_t i = 0; i < fd_run_finding_count(r); i++)
        n += fd_finding_kind(fd_run_finding(r, i)) == k;
    return n;
}

static const char fine_eur[] =
    "Meta was hit with a fine of \u20ac1.2 billion by the Irish "
    "data regulator on Monday.";
static const char fine_usd[] = "The social network must pay a $1.3 billion fine, the "
                               "regulator said.";

// One fine in euros and in dollars: one currencies finding holding both claims,
// keyed by what they share, neither a discrepancy nor compared.
START_TEST(two_currencies_meet_in_one_finding) {
    const char *texts[] = {fine_eur, fine_usd};
    const char *dates[] = {"2023-05-22", "2023-05-22"};
    fd_run *r = run_texts(rules, texts, 2, dates);
    ck_assert_int_eq(fd_run_finding_count(r), 1);
    const fd_finding *f = fd_run_finding(r, 0);
    ck_assert_int_eq(fd_finding_kind(f), FD_KIND_CURRENCIES);
    ck_assert_str_eq(fd_kind_name(FD_KIND_CURRENCIES), "currencies");
    ck_assert(!fd_kind_is_discrepancy(FD_KIND_CURRENCIES));
    ck_assert_str_eq(fd_finding_key(f), "fined/money");
    ck_assert_uint_eq(fd_finding_claim_count(f), 2);
    ck_assert_str_eq(fd_claim_unit(fd_finding_claim(f, 0)), "eur");
    ck_assert_str_eq(fd_claim_unit(fd_finding_claim(f, 1)), "usd");
    ck_assert_str_eq(fd_claim_key(fd_finding_claim(f, 0)), "fined/money/eur");
    ck_assert_ptr_eq(fd_finding_anchor(f), fd_finding_claim(f, 0));
    ck_assert_int_eq(fd_finding_sources(f), 2);
    ck_assert_ptr_nonnull(strstr(fd_finding_summary(f),
                                 "in eur and usd, not compared (no "
                                 "exchange rate is given)"));
    ck_assert_ptr_nonnull(
        strstr(fd_finding_summary(f), "1,250,000,000-1,350,000,000 usd"));
    ck_assert_int_eq(strlen(fd_finding_fingerprint(f)), 16);
    fd_run_free(r);
}
END_TEST

// One currency only: the judge compares the sums as usual and no currencies
// finding is made, whether they agree or conflict.
START_TEST(one_currency_is_compared_as_usual) {
    const char *agree[] = {fine_eur, "The regulator fined Meta \u20ac1.2bn for the data "
                                     "transfers."};
    const char *dates[] = {"2023-05-22", "2023-05-22"};
    fd_run *r = run_texts(rules, agree, 2, dates);
    ck_assert_int_eq(count_of_kind(r, FD_KIND_CURRENCIES), 0);
    ck_assert_int_eq(count_of_kind(r, FD_KIND_AGREEMENT), 1);
    fd_run_free(r);
    const char *differ[] = {fine_usd,
                            "Meta was fined $2 billion for the data transfers."};
    r = run_texts(rules, differ, 2, dates);
    ck_assert_int_eq(count_of_kind(r, FD_KIND_CURRENCIES), 0);
    ck_assert_int_eq(count_of_kind(r, FD_KIND_CONFLICT), 1);
    fd_run_free(r);
}
END_TEST

// Beside a conflict in dollars, a sum in euros: the conflict stands as it
// would alone, and the currencies finding lists all three sums.
START_TEST(currencies_leave_the_verdicts_alone) {
    const char *texts[] = {fine_usd, "Meta was fined $2 billion for the data transfers.",
                           fine_eur};
    const char *dates[] = {"2023-05-22", "2023-05-22", "2023-05-22"};
    fd_run *r = run_texts(rules, texts, 3, dates);
    ck_assert_int_eq(fd_run_finding_count(r), 2);
    const fd_finding *c = fd_run_finding(r, 0), *m = fd_run_finding(r, 1);
    ck_assert_int_eq(fd_finding_kind(c), FD_KIND_CONFLICT);
    ck_assert_str_eq(fd_finding_key(c), "fined/money/usd");
    ck_assert_int_eq(fd_finding_kind(m), FD_KIND_CURRENCIES);
    ck_assert_uint_eq(fd_finding_claim_count(m), 3);
    fd_run_free(r);
}
END_TEST

// Not one fact: another year's fine, or two currencies in one document only.
START_TEST(currencies_meet_only_within_one_fact) {
    const char *dates[] = {"2023-05-22", "2023-05-22"};
    const char *years[] = {fine_usd, "Amazon was fined \u20ac746m in 2021."};
    fd_run *r = run_texts(rules, years, 2, dates);
    ck_assert_int_eq(count_of_kind(r, FD_KIND_CURRENCIES), 0);
    fd_run_free(r);
    const char *one_doc[] = {"Meta was fined \u20ac1.2bn (\u00a31bn) on Monday.",
                             "Hundreds of users complained to the regulator."};
    r = run_texts(rules, one_doc, 2, dates);
    ck_assert_int_eq(count_of_kind(r, FD_KIND_CURRENCIES), 0);
    fd_run_free(r);
}
END_TEST

// "The month-long battle" on 16 October, "80 days" of it on 8 December: the
// days between the reports explain the difference.
START_TEST(a_length_grows_with_the_report_date) {
    const char *a = "Hundreds have died in the month-long siege of Kobani.";
    const char *b = "The 80-day siege of Kobani goes on.";
    ck_assert_int_eq(verdict_of(a, b, "2014-10-16", "2014-12-08", "offensive/duration"),
                     FD_KIND_COMPATIBLE);
    ck_assert_int_eq(verdict_of(a, b, "2014-10-16", "2014-10-18", "offensive/duration"),
                     FD_KIND_CONFLICT);
    // on one day, no time has passed: a five-month deadline is not a six-month one
    ck_assert_int_eq(verdict_of("Meta was given five months to stop transferring data.",
                                "Meta has a six-month deadline to stop transferring data.",
                                "2023-05-22", "2023-05-22", "to stop transferring/duration"),
                     FD_KIND_CONFLICT);
}
END_TEST

START_TEST(earlier_higher_toll_is_a_conflict) {
    // The same two texts with the dates swapped: a later, lower toll is no update.
    const char *texts[] = {"The minister said 135 people were killed in the blast.",
                           "The blasts killed at least 137 people, the minister said."};
    const char *dates[] = {"2020-08-06", "2020-08-05"};
    fd_run *r = run_texts(rules, texts, 2, dates);
    const fd_finding *f = finding_for(r, "people/killed/count");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fd_finding_kind(f), FD_KIND_CONFLICT);
    fd_run_free(r);
}
END_TEST

// Newswire reprinted B92's BBC-based text with small edits: one source.
START_TEST(reprint_is_one_source) {
    const char *paths[] = {FD_SOURCE_DIR "/fixtures/beirut-2020/01_b92.txt",
                           FD_SOURCE_DIR "/fixtures/beirut-2020/02_newswire.txt",
                           FD_SOURCE_DIR "/fixtures/beirut-2020/03_tass.txt"};
    fd_run *r = run_paths(paths, 3);
    ck_assert_ptr_null(fd_doc_copy_of(fd_run_doc(r, 0)));
    ck_assert_ptr_eq(fd_doc_copy_of(fd_run_doc(r, 1)), fd_run_doc(r, 0));
    ck_assert_ptr_null(fd_doc_copy_of(fd_run_doc(r, 2)));
    const fd_finding *f = finding_for(r, "report/missing/count");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fd_finding_sources(f), 1); // two documents, one text
    f = finding_for(r, "nitrate/weight");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fd_finding_sources(f), 2); // Newswire and TASS are independent
    fd_run_free(r);
}
END_TEST

// Copies are found within an event (compare/by_event.c): the same reprint a
// year after its story, in an event of its own, is no copy of it there.
static char *file_text(const char *path) {
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    fdp_buf b = {0};
    char chunk[4096];
    for (size_t n; (n = fread(chunk, 1, sizeof chunk, f)) > 0;)
        fdp_buf_append(&b, chunk, n);
    fclose(f);
    ck_assert(!b.failed && b.data);
    return fdp_buf_take(&b);
}

START_TEST(reprint_in_another_event_is_no_copy) {
    char *a = file_text(FD_SOURCE_DIR "/fixtures/beirut-2020/01_b92.txt"),
         *b = file_text(FD_SOURCE_DIR "/fixtures/beirut-2020/02_newswire.txt");
    const char *same_days[] = {"2020-08-05", "2020-08-05"}, *a_year_on[] = {"2020-08-05",
                                                                             "2021-08-05"};
    const char *texts[] = {a, b};
    fd_run *r = run_texts(rules, texts, 2, same_days);
    ck_assert_ptr_eq(fd_doc_copy_of(fd_run_doc(r, 1)), fd_run_doc(r, 0));
    fd_run_free(r);
    r = run_texts(rules, texts, 2, a_year_on);
    ck_assert_int_ne(fd_doc_event(fd_run_doc(r, 0)), fd_doc_event(fd_run_doc(r, 1)));
    ck_assert_ptr_null(fd_doc_copy_of(fd_run_doc(r, 1)));
    fd_run_free(r);
    free(a);
    free(b);
}
END_TEST

// Two AFP stories of successive days share background lines but are not copies.
START_TEST(stories_sharing_background_are_not_copies) {
    const char *paths[] = {FD_SOURCE_DIR "/fixtures/palmyra/000_a3d646b4d1605b1e.txt",
                           FD_SOURCE_DIR "/fixtures/palmyra/001_4dea718a61eec924.txt"};
    fd_run *r = run_paths(paths, 2);
    ck_assert_ptr_null(fd_doc_copy_of(fd_run_doc(r, 1)));
    fd_run_free(r);
}
END_TEST

static fdp_interval iv(double lo, double hi, bool lo_open, bool approx, bool vague) {
    fdp_interval v;
    memset(&v, 0, sizeof v);
    v.has_low = !isnan(lo);
    v.has_high = !isnan(hi);
    v.low = v.has_low ? lo : 0;
    v.high = v.has_high ? hi : 0;
    v.low_open = lo_open;
    v.approx = approx;
    v.vague = vague;
    return v;
}

// One unit in its comparison base, by the unit rules.
static double base(const char *unit) { return fdp_rules_unit_base(rules, unit, NULL); }

START_TEST(interval_logic) {
    fdp_interval exact120 = iv(120, 120, false, false, false);
    fdp_interval exact117 = iv(117, 117, false, false, false);
    fdp_interval about80 = iv(80, 80, false, true, false);
    fdp_interval over80 = iv(80, NONE, true, false, false);
    fdp_interval over50 = iv(50, NONE, true, false, false);
    fdp_interval dozens = iv(24, NONE, false, false, true);
    fdp_interval exact80 = iv(80, 80, false, false, false);
    fdp_interval about100 = iv(100, 100, false, true, false);
    ck_assert(!fdp_intervals_overlap(&exact120, &exact117, base("count"), base("count")));
    ck_assert(fdp_intervals_overlap(&about80, &over80, base("count"), base("count")));
    // a bare figure meets an open bound at itself: "80" paraphrases "more than 80"
    ck_assert(fdp_intervals_overlap(&exact80, &over80, base("count"), base("count")));
    fdp_interval under80 = iv(NONE, 80, false, false, false);
    under80.high_open = true;
    ck_assert(!fdp_intervals_overlap(&under80, &over80, base("count"), base("count")));
    ck_assert(fdp_intervals_overlap(&over50, &dozens, base("count"), base("count")));
    fdp_interval v109 = iv(109, 109, false, false, false);
    fdp_interval v111 = iv(111, 111, false, false, false);
    ck_assert(fdp_intervals_overlap(&about100, &v109, base("count"), base("count")));
    ck_assert(!fdp_intervals_overlap(&about100, &v111, base("count"), base("count")));
    // Units of one kind are converted: three weeks are 21 days, not 3.
    fdp_interval three = iv(3, 3, false, false, false);
    fdp_interval days21 = iv(21, 21, false, false, false);
    ck_assert(fdp_intervals_overlap(&three, &days21, base("weeks"), base("days")));
    ck_assert(!fdp_intervals_overlap(&three, &three, base("weeks"), base("days")));
    fdp_interval km = iv(16.09344, 16.09344, false, false, false);
    fdp_interval miles = iv(10, 10, false, false, false);
    ck_assert(fdp_intervals_overlap(&km, &miles, base("km"), base("miles")));
}
END_TEST

static Suite *suite(void) {
    Suite *s = suite_create("compare");
    TCase *tc = tcase_create("verdicts");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, conflict_agreement_between_two_reports);
    tcase_add_test(tc, bound_and_exact_are_compatible);
    tcase_add_test(tc, vague_and_bound_are_compatible);
    tcase_add_test(tc, different_events_never_compared);
    tcase_add_test(tc, undated_document_joins_the_event_it_shares_facts_with);
    tcase_add_test(tc, concurrent_stories_never_compared);
    tcase_add_test(tc, report_from_the_country_joins_the_story_of_its_capital);
    tcase_add_test(tc, document_without_a_scene_joins_the_story_it_names);
    tcase_add_test(tc, many_stories_of_two_months_stay_apart);
    tcase_add_test(tc, different_originators_or_windows_are_different_facts);
    tcase_add_test(tc, claims_of_one_document_alone_make_no_finding);
    tcase_add_test(tc, interval_logic);
    tcase_add_test(tc, originators_disagreeing_is_a_dispute);
    tcase_add_test(tc, originators_agreeing_is_no_dispute);
    tcase_add_test(tc, a_running_total_is_no_dispute);
    tcase_add_test(tc, later_higher_toll_is_an_update);
    tcase_add_test(tc, conventions_decide_verdicts);
    tcase_add_test(tc, different_currencies_are_different_facts);
    tcase_add_test(tc, different_places_are_different_facts);
    tcase_add_test(tc, an_undated_risen_toll_is_an_update);
    tcase_add_test(tc, shares_of_the_vote);
    tcase_add_test(tc, a_place_apart_and_the_scene);
    tcase_add_test(tc, earlier_figures_meet_earlier_figures);
    tcase_add_test(tc, a_part_beside_its_whole);
    tcase_add_test(tc, a_distance_by_where_it_is_measured_from);
    tcase_add_test(tc, units_convert_within_a_dimension);
    tcase_add_test(tc, the_ends_of_a_change);
    tcase_add_test(tc, two_currencies_meet_in_one_finding);
    tcase_add_test(tc, one_currency_is_compared_as_usual);
    tcase_add_test(tc, currencies_leave_the_verdicts_alone);
    tcase_add_test(tc, currencies_meet_only_within_one_fact);
    tcase_add_test(tc, a_length_grows_with_the_report_date);
    tcase_add_test(tc, earlier_higher_toll_is_a_conflict);
    tcase_add_test(tc, reprint_is_one_source);
    tcase_add_test(tc, reprint_in_another_event_is_no_copy);
    tcase_add_test(tc, stories_sharing_background_are_not_copies);
    suite_add_tcase(s, tc);
    return s;
}

RUN_SUITE(suite)
