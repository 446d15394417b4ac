/*
 * test_extract.c - every number form the extractor reads, each on a sentence
 * taken from (or shaped exactly like) real wire copy, with its expected interval.
 */
#include <dirent.h>

#include "helpers.h"
#include "extract/extractor.h"
#include "report/report.h"

static fd_ruleset *rules;
static void setup(void) { rules = test_rules(); }
static void teardown(void) { fd_ruleset_free(rules); }

/* Runs one sentence and returns the report (caller frees). */
static fd_run *one(const char *text) {
    const char *texts[] = {text};
    return run_texts(rules, texts, 1, NULL);
}

#define EXPECT(sentence, phrase, low, high, low_open, approx, vague, unit_)                \
    do {                                                                                   \
        fd_run *r_ = one(sentence);                                                     \
        const fdp_claim *c_ = claim_with_text(r_, 0, phrase);                              \
        ck_assert_msg(c_ != NULL, "no claim '%s' in: %s", phrase, sentence);               \
        check_interval(c_, low, high, low_open, approx, vague);                            \
        ck_assert_str_eq(c_->unit, unit_);                                                 \
        fd_run_free(r_);                                                                \
    } while (0)

#define NOT_A_CLAIM(sentence, text)                                                        \
    do {                                                                                   \
        fd_run *r_ = one(sentence);                                                     \
        ck_assert_msg(!covered(r_, 0, text), "'%s' wrongly claimed in: %s", text, sentence); \
        fd_run_free(r_);                                                                \
    } while (0)

START_TEST(digits_with_grouping) {
    EXPECT("Russia assisted by deploying fighter jets in 40 missions that bombed 120 targets.",
           "120", 120, 120, false, false, false, "count");
    EXPECT("It said that as many as 1,448 civilians were killed.", "as many as 1,448", NONE,
           1448, false, false, false, "count");
    EXPECT("It said that as many as 1 448 civilians were killed.", "as many as 1 448", NONE,
           1448, false, false, false, "count");
    EXPECT("Airwars also said that 1\u00a0700 civilians were injured.", "1\u00a0700", 1700,
           1700, false, false, false, "count");
    EXPECT("Some 1\u202f700 civilians were injured.", "Some 1\u202f700", 1700, 1700, false,
           true, false, "count");
    EXPECT("The fund has 30,000 members.", "30,000", 30000, 30000, false, false, false,
           "count");
    // a decimal is as exact as its last digit
    EXPECT("The quake measured 6.2 on the scale.", "6.2", 6.15, 6.25, false, false, false,
           "count");
}
END_TEST

START_TEST(any_script_digits) {
    EXPECT("Officials said \u0664\u0660\u0660 people were killed.", "\u0664\u0660\u0660", 400,
           400, false, false, false, "count");
}
END_TEST

START_TEST(scales_and_money) {
    EXPECT("The aid package is worth 2.5 million dollars.", "2.5 million dollars", 2.45e6,
           2.55e6, false, false, false, "usd");
    EXPECT("The dam displaced 20 lakh people.", "20 lakh", 1.95e6, 2.05e6, false, false, false,
           "count");
}
END_TEST

START_TEST(spelled_numbers) {
    EXPECT("The militants were driven out of the oasis city after ten months.", "ten months",
           10, 10, false, false, false, "months");
    EXPECT("It was one thousand four hundred forty-eight, officials said.",
           "one thousand four hundred forty-eight", 1448, 1448, false, false, false, "count");
    EXPECT("Twenty three people were hurt.", "Twenty three", 23, 23, false, false, false,
           "count");
    EXPECT("Its two main strongholds of Mosul and Raqqa face assaults.", "two", 2, 2, false,
           false, false, "count");
    EXPECT("IS group destroyed more than a dozen tombs and temples.", "more than a dozen", 12,
           NONE, true, false, false, "count");
}
END_TEST

START_TEST(ranges) {
    EXPECT("Analysts said only 10-25 percent of forces have left.", "10-25 percent", 10, 25,
           false, false, false, "percent");
    EXPECT("Analysts say only 10-25% of Russian forces have left Syria.", "10-25%", 10, 25,
           false, false, false, "percent");
    EXPECT("Between 10 and 25 villages were emptied.", "Between 10 and 25", 10, 25, false,
           false, false, "count");
    EXPECT("Turnout rose 10 to 25 percent.", "10 to 25 percent", 10, 25, false, false, false,
           "percent");
    EXPECT("Some 10\u201325 houses burned.", "Some 10\u201325", 10, 25, false, true, false,
           "count");
}
END_TEST

START_TEST(bounds_and_hedges) {
    EXPECT("One soldier said more than 50 had been disarmed.", "more than 50", 50, NONE, true,
           false, false, "count");
    EXPECT("Kidnapping at least 230 people.", "at least 230", 230, NONE, false, false, false,
           "count");
    EXPECT("Around 500 civilians are still living there.", "Around 500", 500, 500, false,
           true, false, "count");
    EXPECT("Up to 30 people were trapped.", "Up to 30", NONE, 30, false, false, false,
           "count");
    EXPECT("Fewer than 20 remain.", "Fewer than 20", NONE, 20, false, false, false, "count");
    EXPECT("A garrison has held out for over two years.", "over two years", 2, NONE, true,
           false, false, "years");
    EXPECT("An estimated 300 fled.", "An estimated 300", 300, 300, false, true, false,
           "count");
    EXPECT("Contributions of 200 words or more will be considered.", "200 words or more", 200,
           NONE, false, false, false, "count");
}
END_TEST

START_TEST(vague_quantities) {
    EXPECT("Sappers have already defused dozens of the makeshift bombs.", "dozens", 24, 99,
           false, false, true, "count");
    EXPECT("Tens of thousands marched.", "Tens of thousands", 20000, 99999, false, false, true,
           "count");
    EXPECT("Hundreds of thousands marched.", "Hundreds of thousands", 200000, 999999, false,
           false, true, "count");
    EXPECT("Hundreds were arrested.", "Hundreds", 200, 999, false, false, true, "count");
    EXPECT("A decades-old ally of Damascus.", "decades-old", 20, 99, false, false, true,
           "years");
    EXPECT("Several hundred were arrested.", "Several hundred", 300, 900, false, false, true,
           "count");
    EXPECT("A few dozen stayed behind.", "A few dozen", 24, 60, false, false, true, "count");
    EXPECT("Several buildings collapsed.", "Several", 3, 9, false, false, true, "count");
    EXPECT("The outbreak began several weeks ago.", "several weeks", 3, 9, false, false, true,
           "weeks");
    EXPECT("It is the deadliest quake in decades.", "decades", 20, 99, false, false, true,
           "years");
    // a bound still applies to a band; a hedge adds nothing to it
    EXPECT("More than dozens were hurt.", "More than dozens", 24, NONE, true, false, true,
           "count");
    EXPECT("Nearly hundreds were hurt.", "hundreds", 200, 999, false, false, true, "count");
}
END_TEST

START_TEST(hyphenated_adjectives) {
    EXPECT("IS held it during its 10-month occupation of the site.", "10-month", 10, 10,
           false, false, false, "months");
    EXPECT("They demolished the 2,000-year-old Temple of Bel.", "2,000-year-old", 2000, 2000,
           false, false, false, "years");
    EXPECT("The extremist group demolished the 2 000-year-old temple of Bel.",
           "2 000-year-old", 2000, 2000, false, false, false, "years");
    EXPECT("They murdered the city's 82-year-old former antiquities chief.", "82-year-old",
           82, 82, false, false, false, "years");
    // "nearly" on a duration: one whole unit short
    EXPECT("It follows a nearly three-week push by the army.", "nearly three-week", 2, 3,
           false, false, false, "weeks");
    EXPECT("A 6.2-magnitude quake struck.", "6.2-magnitude", 6.15, 6.25, false, false, false,
           "magnitude");
    EXPECT("Many were killed in the month-long battle.", "month-long", 1, 1, false, false,
           false, "months");
    EXPECT("A fortnight-long strike ended.", "fortnight-long", 14, 14, false, false, false,
           "days");
    EXPECT("Blew up the Arch a month later.", "a month", 1, 1, false, false, false, "months");
}
END_TEST

START_TEST(halves_and_bare_scales) {
    EXPECT("The march set off half an hour earlier than scheduled.", "half an hour", 0.5, 0.5,
           false, false, false, "hours");
    EXPECT("The last left the park four and a half hours after the front set off.",
           "four and a half hours", 4.5, 4.5, false, false, false, "hours");
    EXPECT("Over Million Hongkongers filled the streets against China", "Over Million", 1e6,
           NONE, true, false, false, "count");
    // a bare scale word has one digit of precision, as "1 million" has
    EXPECT("Since the million-person street protests yesterday.", "million-person", 5e5, 1.5e6,
           false, false, false, "count");
    EXPECT("Police estimated the number of protesters closer to 240,000.", "closer to 240,000",
           240000, 240000, false, true, false, "count");
    // "estimated" after a subject is a verb of attribution, not a hedge
    EXPECT("Police estimated 240,000 participants at the rally's peak.", "240,000", 240000,
           240000, false, false, false, "count");
}
END_TEST

START_TEST(the_words_set_the_interval) {
    // precision of the last digit, on scaled, decimal and percentage figures
    EXPECT("The census counted 3.4 million residents.", "3.4 million", 3.35e6, 3.45e6, false,
           false, false, "count");
    EXPECT("Turnout reached 61.2% on Sunday.", "61.2%", 61.15, 61.25, false, false, false,
           "percent");
    EXPECT("The regulator imposed a fine of \u20ac1.2 billion.", "\u20ac1.2 billion", 1.15e9,
           1.25e9, false, false, false, "eur");
    // a bound keeps the figure written; a hedge needs no half digit
    {
        // the bounds of a scaled figure are whole numbers, exactly
        fd_run *r = one("Officials said 3.45 million people fled.");
        const fdp_claim *c = claim_with_text(r, 0, "3.45 million");
        ck_assert(c->value.low == 3445000.0 && c->value.high == 3455000.0);
        fd_run_free(r);
    }
    EXPECT("More than 3.4 million residents left.", "More than 3.4 million", 3.4e6, NONE, true,
           false, false, "count");
    EXPECT("About 85% of the homes were hit.", "About 85%", 85, 85, false, true, false,
           "percent");
    // whole counts in full digits stay exact
    EXPECT("Rescuers found 1,448 survivors.", "1,448", 1448, 1448, false, false, false, "count");
    // "almost four years": one unit short
    EXPECT("The strike lasted almost four years.", "almost four years", 3, 4, false, false,
           false, "years");
    // a hedge covers a list
    EXPECT("At least 12 nurses and 8 doctors were hurt.", "8", 8, NONE, false, false, false,
           "count");
    EXPECT("More than 40 nurses and 8 doctors were hurt.", "8", 8, NONE, true, false, false,
           "count");
    // ... nor across a clause of purpose
    EXPECT("It was given at least five months to suspend transfers and six months to stop.",
           "six months", 6, 6, false, false, false, "months");
    EXPECT("The case has gone on for a decade in the courts.", "a decade", 10, 10, false, false,
           false, "years");
    // ... but not a figure of its own clause
    EXPECT("At least 12 nurses were hurt, police said 8 doctors escaped.", "8", 8, 8, false,
           false, false, "count");
    // a unit before the number
    EXPECT("A magnitude 5.8 tremor shook the coast.", "magnitude 5.8", 5.75, 5.85, false,
           false, false, "magnitude");
    EXPECT("The magnitude-5.8 tremor shook the coast.", "magnitude-5.8", 5.75, 5.85, false,
           false, false, "magnitude");
    // verbs that bound a headline figure, and one that does not
    EXPECT("Death toll passes 2,100 after the quake.", "passes 2,100", 2100, NONE, true, false,
           false, "count");
    EXPECT("The death toll has gone up to 2,497.", "2,497", 2497, 2497, false, false, false,
           "count");
    EXPECT("It was felt as far as 250 miles away.", "as far as 250 miles", NONE, 250, false,
           false, false, "miles");
    // a change is two figures, in the unit the noun before them gives
    EXPECT("The law raises the retirement age from 62 to 64.", "62", 62, 62, false, false,
           false, "years");
    EXPECT("The law raises the retirement age from 62 to 64.", "64", 64, 64, false, false,
           false, "years");
    // ... while "from ... to" without a verb of change is a range
    EXPECT("Temperatures ranged from 10 to 15 degrees.", "from 10 to 15 degrees", 10, 15, false,
           false, false, "degrees");
    // a "one" that is counted, and one that is not
    EXPECT("Only one constituency voted in favour.", "one", 1, 1, false, false, false, "count");
    EXPECT("It found 21 deaths in Germany and one in Sweden.", "one", 1, 1, false, false, false,
           "count");
    NOT_A_CLAIM("One soldier was seen at the gate.", "One");
    NOT_A_CLAIM("A 1996 outbreak killed 12, and one in Canada in 2000 killed seven.", "one");
    EXPECT("The patient had a fever of 39 degrees Celsius.", "39 degrees Celsius", 39, 39, false,
           false, false, "celsius");
    // fractions and halves as shares; "almost" a fraction of a unit in whole smaller units
    EXPECT("The fire destroyed half the harbour.", "half", 50, 50, false, false, false,
           "percent");
    EXPECT("It burned two-thirds of the roof.", "two-thirds", 200.0 / 3, 200.0 / 3, false,
           false, false, "percent");
    EXPECT("The strike lasted almost half a year.", "almost half a year", 5, 6, false, false,
           false, "months");
    EXPECT("The march set off half an hour late.", "half an hour", 0.5, 0.5, false, false,
           false, "hours");
    // an implied one, where the text states a count
    EXPECT("A nurse was hurt in the blast.", "A", 1, 1, false, false, false, "count");
    NOT_A_CLAIM("A nurse said the ward was full.", "A");
    // a conversion in brackets is one claim with the figure it restates
    EXPECT("The quake struck some 60 km (37 miles) west of the capital.",
           "some 60 km (37 miles)", 60, 60, false, true, false, "km");
    NOT_A_CLAIM("The ferry sank on Feb. 3 near the port.", "3");
    // a label before a colon hides no figure
    EXPECT("LIVE: 14 dead after the ferry sank.", "14", 14, 14, false, false, false, "count");
    NOT_A_CLAIM("The train left at 23:34 sharp.", "34");
}
END_TEST

START_TEST(scraped_code_is_not_claims) {
    NOT_A_CLAIM("skin: { url: '/jwplayer/skin/rthk/five.css', name: 'five' }, width: 3", "five");
    NOT_A_CLAIM("file: \"https://x.hk/audios/mfile_1461745_1_20190609230545.mp3\"", "1461745");
    NOT_A_CLAIM("jQuery(\"#212 h3\")", "212");
    NOT_A_CLAIM("Reference 20190609 was filed.", "20190609");
}
END_TEST

START_TEST(two_originators_in_one_sentence) {
    fd_run *r = one("Civil Human Rights Front, the group that organized the protest, said 1.03 "
                       "million people took to the streets, while police estimated 240,000 "
                       "participants at the rally's peak, the reports said.");
    const fdp_claim *c = claim_with_text(r, 0, "1.03 million");
    ck_assert_str_eq(c->attribution, "Civil Human Rights Front");
    ck_assert_str_eq(c->key, "people/protested/count");
    c = claim_with_text(r, 0, "240,000");
    ck_assert_str_eq(c->attribution, "police");
    ck_assert_str_eq(c->key, "people/protested/count");
    fd_run_free(r);
}
END_TEST

START_TEST(place_and_scope_in_the_frame) {
    fd_run *r = one("The ministry counted 1.09 million demonstrators nationwide, including 119,000 "
                    "in Paris.");
    ck_assert_str_eq(claim_with_text(r, 0, "1.09 million")->place, "nationwide");
    ck_assert_str_eq(claim_with_text(r, 0, "119,000")->place, "Paris");
    fd_run_free(r);
    // a place opening the sentence before a comma places what follows
    r = one("In Paris, 119,000 people marched, police said.");
    ck_assert_str_eq(claim_with_text(r, 0, "119,000")->place, "Paris");
    fd_run_free(r);
    r = one("In a statement, the ministry said 12 people died.");
    ck_assert_ptr_null(claim_with_text(r, 0, "12")->place);
    fd_run_free(r);
    // a place before the figure places something else: "the outbreak in Germany"
    r = one("The death toll from the outbreak in Germany rose to 22.");
    ck_assert_ptr_null(claim_with_text(r, 0, "22")->place);
    fd_run_free(r);
    r = one("The flood killed 41 people nationwide; 12 died in Riverton.");
    ck_assert_str_eq(claim_with_text(r, 0, "41")->place, "nationwide");
    ck_assert_str_eq(claim_with_text(r, 0, "12")->place, "Riverton");
    fd_run_free(r);
    // "other", "new": another fact than the count of them all
    r = one("Cases were reported in 11 other countries and in 12 countries in all.");
    ck_assert_str_ne(claim_with_text(r, 0, "11")->key, claim_with_text(r, 0, "12")->key);
    fd_run_free(r);
    // a goal or a limit is not the outcome
    r = one("The maximum fine is more than 4 million euros; the firm was fined 1.2 million euros.");
    ck_assert_str_ne(claim_with_text(r, 0, "more than 4 million euros")->key,
                     claim_with_text(r, 0, "1.2 million euros")->key);
    fd_run_free(r);
    // an increment is not the total
    r = one("The toll climbed to 22, the agency adding three victims overnight.");
    ck_assert_str_ne(claim_with_text(r, 0, "22")->key, claim_with_text(r, 0, "three")->key);
    fd_run_free(r);
    // a year dates the figure of its own clause, not another clause's figure
    r = one("Turnout was 44.36 per cent, a drop from the referendum in 2018 which saw a "
            "turnout of 64 per cent.");
    ck_assert_ptr_null(claim_with_text(r, 0, "44.36 per cent")->when);
    ck_assert_str_eq(claim_with_text(r, 0, "64 per cent")->when, "2018");
    fd_run_free(r);
    r = one("Amazon was fined 746 million euros, or over $800 million, back in 2021.");
    ck_assert_str_eq(claim_with_text(r, 0, "746 million euros")->when, "2021");
    fd_run_free(r);
    // a sum of another year is another fact
    r = one("It eclipses Amazon's $807 million fine from 2021.");
    ck_assert_str_eq(claim_with_text(r, 0, "$807 million")->when, "2021");
    fd_run_free(r);
    // the side of a vote: in capitals or quotes, never a lowercase "no"
    r = one("The care referendum saw 73.93% of the country voting \u2018no\u2019.");
    ck_assert_str_eq(claim_with_text(r, 0, "73.93%")->entity, "no");
    fd_run_free(r);
    r = one("There were no fewer than 40 votes cast at the meeting.");
    ck_assert_ptr_null(claim_with_text(r, 0, "no fewer than 40")->entity);
    fd_run_free(r);
    // "voted no": right after the verb it is the option; the side after a
    // figure is its own, up to the next figure
    r = one("Overall 73.9% of people voted no, compared to 26.1% who voted in favour.");
    ck_assert_str_eq(claim_with_text(r, 0, "73.9%")->entity, "no");
    ck_assert_str_eq(claim_with_text(r, 0, "26.1%")->entity, "yes");
    fd_run_free(r);
    r = one("There were 487,564 votes in favour of the proposal compared to 1,021,546 against.");
    ck_assert_str_eq(claim_with_text(r, 0, "487,564")->entity, "yes");
    ck_assert_str_eq(claim_with_text(r, 0, "1,021,546")->entity, "no");
    fd_run_free(r);
    // which of several votes: the topic named after the figure, then before it,
    // then the sentence's one topic, then the last one named
    r = one("In Cavan, 78% of voters rejected the family amendment and 81% did the same for "
            "the care proposal. Overall, 67.7% voted No. The care referendum was lost. In "
            "all, 73.9% voted No. In Cork, 80% and 84% voted against the family and care "
            "referendums.");
    ck_assert_str_eq(claim_with_text(r, 0, "78%")->topic, "family");
    ck_assert_str_eq(claim_with_text(r, 0, "81%")->topic, "care");
    ck_assert_ptr_null(claim_with_text(r, 0, "67.7%")->topic); // after two: none carried
    ck_assert_str_eq(claim_with_text(r, 0, "73.9%")->topic, "care");
    ck_assert_ptr_null(claim_with_text(r, 0, "84%")->topic);
    fd_run_free(r);
    r = one("Earlier, the referendum on family saw more than 67% of voters rejecting the proposal.");
    ck_assert_str_eq(claim_with_text(r, 0, "more than 67%")->topic, "family");
    fd_run_free(r);
    r = one("The proposed changes to care were also defeated, with 73 per cent voting against it.");
    ck_assert_str_eq(claim_with_text(r, 0, "73 per cent")->topic, "care");
    fd_run_free(r);
    // a name said to be a place opens the sentence; "the same constituency" is it
    r = one("Dun Laoghaire was the only constituency that backed it, with 50.29% voting for it. "
            "The care amendment was declined in the same constituency, with 57.79% against.");
    ck_assert_str_eq(claim_with_text(r, 0, "50.29%")->place, "Dun Laoghaire");
    ck_assert_str_eq(claim_with_text(r, 0, "57.79%")->place, "Dun Laoghaire");
    fd_run_free(r);
    // a nationality counted is people
    r = one("More than a million French protested; 1.1 million people protested, police said.");
    ck_assert_str_eq(claim_with_text(r, 0, "More than a million")->key,
                     claim_with_text(r, 0, "1.1 million")->key);
    fd_run_free(r);
    // "in that city": the place named last; rallies are protests
    r = one("Police said 20,000 people joined the rallies in Lyon, but the union put the "
            "number of protesters in that city at 60,000.");
    ck_assert_str_eq(claim_with_text(r, 0, "60,000")->place, "Lyon");
    ck_assert_str_eq(claim_with_text(r, 0, "20,000")->key, claim_with_text(r, 0, "60,000")->key);
    fd_run_free(r);
    // a sentence about a place ("The first district ... was Northfield") places its
    // figures after the name and the next sentence's, not the one after that
    r = one("The first district to declare was Northfield, which backed the plan. In total, 58% of "
            "voters supported it. Elsewhere the count went on. Turnout reached 61%.");
    ck_assert_str_eq(claim_with_text(r, 0, "58%")->place, "Northfield");
    ck_assert_ptr_null(claim_with_text(r, 0, "61%")->place);
    fd_run_free(r);
    r = one("The worst-hit town was Ashby: 40 homes were lost and 12 families moved.");
    ck_assert_str_eq(claim_with_text(r, 0, "40")->place, "Ashby");
    fd_run_free(r);
    // a name with a place noun before the figure: "the Cork north-west constituency saw"
    r = one("The Cork north-west constituency saw 44.67% of a turnout. The outbreak in the "
            "city rose to 22.");
    ck_assert_str_eq(claim_with_text(r, 0, "44.67%")->place, "Cork north-west");
    ck_assert_ptr_null(claim_with_text(r, 0, "22")->place);
    fd_run_free(r);
    // cases are keyed with their kind; "confirmed deaths" are deaths; "Co Donegal" is Donegal
    r = one("The outbreak caused 661 cases of hemolytic uremic syndrome and 1,672 non-HUS cases.");
    ck_assert_str_ne(claim_with_text(r, 0, "661")->key, claim_with_text(r, 0, "1,672")->key);
    fd_run_free(r);
    // "cases of HUS" are "HUS cases", in British or American spelling; a case
    // is an event in itself and takes no predicate from the deaths beside it
    r = one("It caused 16 deaths and 661 cases of hemolytic uremic syndrome. Officials "
            "counted 658 haemolytic uraemic syndrome cases.");
    ck_assert_str_eq(claim_with_text(r, 0, "661")->key, claim_with_text(r, 0, "658")->key);
    ck_assert_ptr_null(claim_with_text(r, 0, "661")->predicate);
    ck_assert_str_eq(claim_with_text(r, 0, "661")->label, "hemolytic uremic syndrome cases");
    fd_run_free(r);
    // others listed after a kind of thing, with a kind of their own, are of
    // that kind, and the first figure counts the rest
    r = one("The agency said 1,605 cases of infection have been recorded and 658 others have "
            "the associated condition haemolytic uraemic syndrome (HUS). Elsewhere there were "
            "661 cases of hemolytic uremic syndrome and 1,672 non-hemolytic uremic syndrome "
            "cases.");
    ck_assert_str_eq(claim_with_text(r, 0, "658")->key, claim_with_text(r, 0, "661")->key);
    ck_assert_str_eq(claim_with_text(r, 0, "1,605")->key, claim_with_text(r, 0, "1,672")->key);
    ck_assert_str_eq(claim_with_text(r, 0, "1,605")->label,
                     "non-hemolytic uremic syndrome cases");
    fd_run_free(r);
    // others with no kind of their own stay a remainder
    r = one("Rebels lost 258 fighters, 10 others and 20 civilians.");
    ck_assert_str_ne(claim_with_text(r, 0, "258")->key, claim_with_text(r, 0, "10")->key);
    fd_run_free(r);
    // an initialism is one place; the countries of a union are a whole
    r = one("The virus infected 300 people in the U.S. last week and 1,672 people in E.U. "
            "countries.");
    ck_assert_str_eq(claim_with_text(r, 0, "300")->place, "U.S.");
    ck_assert_str_eq(claim_with_text(r, 0, "1,672")->place, "nationwide");
    fd_run_free(r);
    r = one("It is now blamed for 16 confirmed deaths. In all 22 deaths were recorded.");
    ck_assert_str_eq(claim_with_text(r, 0, "16")->key, claim_with_text(r, 0, "22")->key);
    fd_run_free(r);
    r = one("The highest No votes were in Co Donegal, with 80.2% voting against it.");
    ck_assert_str_eq(claim_with_text(r, 0, "80.2%")->place, "Donegal");
    fd_run_free(r);
    // a figure listed after another is counted where it is; "respectively" maps
    // figures to topics in order
    r = one("The care referendum and the family referendum were lost. The highest No votes were "
            "in Co Donegal, with 80.2% and 84% voting against the family and care referendums, "
            "respectively.");
    ck_assert_str_eq(claim_with_text(r, 0, "84%")->place, "Donegal");
    ck_assert_str_eq(claim_with_text(r, 0, "80.2%")->topic, "family");
    ck_assert_str_eq(claim_with_text(r, 0, "84%")->topic, "care");
    fd_run_free(r);
    // "all but one": the rest, another fact than the count in that place
    r = one("The toll rose to 22. All but one of the deaths occurred in Germany.");
    ck_assert_str_ne(claim_with_text(r, 0, "22")->key, claim_with_text(r, 0, "one")->key);
    fd_run_free(r);
    // "voting for" is a side; "for" alone is none
    r = one("With 50.29% voting for the amendment, it passed by 4,000 votes for a second time.");
    ck_assert_str_eq(claim_with_text(r, 0, "50.29%")->entity, "yes");
    fd_run_free(r);
    // "where" places its clause; "627 of them" is a part of the figure before
    r = one("Cases were reported in the United States, where four people are infected. At "
            "least 2,000 people have fallen ill, and 627 of them have developed a complication.");
    ck_assert_str_eq(claim_with_text(r, 0, "four")->place, "United States");
    ck_assert_str_ne(claim_with_text(r, 0, "627")->key, claim_with_text(r, 0, "At least 2,000")->key);
    fd_run_free(r);
    // a count split by places is counted in parts, even in the story's scene
    r = one("The figures record 21 deaths in Germany and one in Sweden.");
    ck_assert(claim_with_text(r, 0, "21")->place_part);
    ck_assert(claim_with_text(r, 0, "one")->place_part);
    fd_run_free(r);
    // only a vote has sides: a protest against a law is no "no"
    r = one("A total of 1.03 million people joined the protest against the law.");
    ck_assert_ptr_null(claim_with_text(r, 0, "1.03 million")->entity);
    fd_run_free(r);
    // only the figure after the cue is overtaken
    r = one("The toll climbed to 22, adding three victims to the previously confirmed 19.");
    ck_assert_ptr_null(claim_with_text(r, 0, "22")->when);
    ck_assert_ptr_nonnull(claim_with_text(r, 0, "19")->when);
    // ... and the earlier figure, naming nothing it counts, is one of that toll
    ck_assert_str_eq(claim_with_text(r, 0, "19")->key, claim_with_text(r, 0, "22")->key);
    fd_run_free(r);
}
END_TEST

START_TEST(another_year_is_another_fact) {
    const char *texts[] = {"It exceeded the turnout of a 2003 rally, which was 500,000 people, "
                           "the group said."};
    const char *dates[] = {"2019-06-10"};
    fd_run *r = run_texts(rules, texts, 1, dates);
    ck_assert_str_eq(claim_with_text(r, 0, "500,000")->when, "2003");
    fd_run_free(r);
    const char *same[] = {"In 2019, 500,000 people marched."};
    r = run_texts(rules, same, 1, dates);
    ck_assert_ptr_null(claim_with_text(r, 0, "500,000")->when);
    fd_run_free(r);
}
END_TEST

START_TEST(every_listed_form) {
    EXPECT("Investors lost $5bn in the crash.", "$5bn", 4.5e9, 5.5e9, false, false, false, "usd");
    EXPECT("The aid is worth $10bn to $15bn, the governor said.", "$10bn to $15bn", 1e10,
           1.5e10, false, false, false, "usd");
    EXPECT("They counted forty bodies.", "forty", 40, 40, false, false, false, "count");
    EXPECT("Almost 300 were hurt.", "Almost 300", 270, 300, false, false, false, "count");
    EXPECT("About 80 were hurt.", "About 80", 80, 80, false, true, false, "count");
    EXPECT("Roughly 80 were hurt.", "Roughly 80", 80, 80, false, true, false, "count");
    EXPECT("Scores were wounded.", "Scores", 40, 99, false, false, true, "count");
    EXPECT("Thousands fled the city.", "Thousands", 2000, 9999, false, false, true, "count");
    EXPECT("A handful of soldiers stayed.", "A handful", 3, 9, false, false, true, "count");
    EXPECT("IS held a third of the town.", "a third", 100.0 / 3, 100.0 / 3, false, false, false,
           "percent");
    EXPECT("Two thirds of residents fled.", "Two thirds", 200.0 / 3, 200.0 / 3, false, false,
           false, "percent");
    EXPECT("Turnout fell 12 per cent.", "12 per cent", 11.5, 12.5, false, false, false,
           "percent");
    EXPECT("Inflation rose 3 pc last year.", "3 pc", 2.5, 3.5, false, false, false, "percent");
    EXPECT("The march stretched for more than two miles.", "more than two miles", 2, NONE, true,
           false, false, "miles");
    EXPECT("The front is 30 km from the city.", "30 km", 30, 30, false, false, false, "km");
    EXPECT("The blast was heard 240 kilometres away.", "240 kilometres", 240, 240, false, false,
           false, "km");
    NOT_A_CLAIM("Leaders met at the G20 summit.", "20");
}
END_TEST

START_TEST(separator_ambiguity_is_recorded) {
    fd_run *r = one("The minister said 5.000 were injured.");
    const fdp_claim *c = claim_with_text(r, 0, "5.000");
    check_interval(c, 5000, 5000, false, false, false); // a count is whole: 5,000
    ck_assert(c->unsure);
    fd_run_free(r);
    r = one("The quake measured 6.2 and 1.448 km of road cracked.");
    c = claim_with_text(r, 0, "1.448 km");
    check_interval(c, 1.4475, 1.4485, false, false, false); // English decimal, unsure
    ck_assert(c->unsure);
    ck_assert(!claim_with_text(r, 0, "6.2")->unsure);
    fd_run_free(r);
}
END_TEST

START_TEST(not_quantities) {
    NOT_A_CLAIM("AFP , Tuesday 29 Mar 2016", "29 Mar 2016");
    NOT_A_CLAIM("Central Syria March 27, 2016 (Photo: AP)", "27, 2016");
    NOT_A_CLAIM("Last update: Sun, 27/03/2016 - 21:29", "27/03/2016");
    NOT_A_CLAIM("Last update: Sun, 27/03/2016 - 21:29", "21:29");
    NOT_A_CLAIM("2016-03-29 23:34", "2016-03-29");
    NOT_A_CLAIM("The group overran it in May 2015.", "2015");
    NOT_A_CLAIM("A group of experts set up by UNESCO in 2013.", "2013");
    NOT_A_CLAIM("The Arch of Triumph, from around 200 AD.", "200");
    NOT_A_CLAIM("Ruins which date back to the first three centuries AD.", "three");
    NOT_A_CLAIM("Join the conversation on MyNews24 and News24.", "24");
    NOT_A_CLAIM("Pushing rebels out of second city Aleppo.", "second");
    NOT_A_CLAIM("One soldier said it was over.", "One");
    NOT_A_CLAIM("Two F-16 jets flew over.", "16");
    NOT_A_CLAIM("The UN passed Resolution 2254.", "2254");
    NOT_A_CLAIM("The 21st century began.", "21");
    NOT_A_CLAIM("It happened at 5 p.m. local time.", "5");
}
END_TEST

START_TEST(byte_offsets_and_positions) {
    // "é" is two bytes: columns count code points, offsets count bytes.
    fd_run *r = one("Caf\u00e9 line\nSecond line: killing more than 80 militants.");
    const fdp_claim *c = claim_with_text(r, 0, "more than 80");
    ck_assert_ptr_nonnull(c);
    const char *text = fd_doc_text(fd_run_doc(r, 0), NULL);
    ck_assert_uint_eq(c->start, (size_t)(strstr(text, "more than 80") - text));
    ck_assert_int_eq(c->line, 2);
    ck_assert_int_eq(c->column, 22);
    fd_run_free(r);
}
END_TEST

START_TEST(claim_frame) {
    fd_run *r = one("The Russian Defense ministry said that its forces had made 40 flights "
                       "during the last 24 hours, striking 117 targets and killing more than 80 "
                       "militants.");
    const fdp_claim *c = claim_with_text(r, 0, "117");
    ck_assert_str_eq(c->key, "targets/struck/count");
    ck_assert_str_eq(c->attribution, "Russian Defence Ministry");
    ck_assert_str_eq(c->window, "24 hours");
    c = claim_with_text(r, 0, "more than 80");
    ck_assert_str_eq(c->key, "militants/killed/count");
    c = claim_with_text(r, 0, "40");
    ck_assert_str_eq(c->key, "sorties/count");
    c = claim_with_text(r, 0, "24 hours");
    ck_assert_str_eq(c->key, "time-window/duration");
    fd_run_free(r);
}
END_TEST

START_TEST(attribution_carries_to_next_sentence) {
    fd_run *r = one("According to the Russian Defence Ministry, jets bombed 120 targets.\n\n"
                       "Within 24 hours, around 80 terrorists were killed.");
    const fdp_claim *c = claim_with_text(r, 0, "around 80");
    ck_assert_str_eq(c->attribution, "Russian Defence Ministry");
    fd_run_free(r);
}
END_TEST

START_TEST(speaker_not_subject_is_attributed) {
    fd_run *r = one("Rami Abdulrahman, head of the British-based Observatory, said that 400 "
                       "Islamic State fighters died in the fighting for Palmyra.");
    const fdp_claim *c = claim_with_text(r, 0, "400");
    ck_assert_str_eq(c->attribution, "Syrian Observatory for Human Rights");
    ck_assert_str_eq(c->entity, "Islamic State");
    fd_run_free(r);
}
END_TEST

// Invisible format characters inside a number are no boundary (issue 11).
START_TEST(zero_width_inside_numbers) {
    const char *texts[] = {"The blast hurt 5\xE2\x80\x8B" "448 people, officials said.",
                           "The blast hurt 5448 people, officials said."};
    fd_run *r = run_texts(rules, texts, 2, NULL);
    check_interval(claim_with_text(r, 0, "5\xE2\x80\x8B" "448"), 5448, 5448, false, false, false);
    ck_assert_uint_eq(fd_run_conflict_count(r), 0);
    fd_run_free(r);
}
END_TEST

// "1e308 people" is an exponent, not a count of 1 (issue 11).
START_TEST(exponent_is_no_count) {
    const char *texts[] = {"There were 1e308 people there, and 4x4 trucks."};
    fd_run *r = run_texts(rules, texts, 1, NULL);
    ck_assert_uint_eq(fd_run_claim_count(r), 0);
    fd_run_free(r);
}
END_TEST

/* ---- a long line read in windows (factdiff extract) ---------------------- */

static int append_claims(void *ctx, fdp_doc *d) {
    for (size_t i = 0; i < d->nclaims; i++) {
        fdp_write_claim_line(ctx, &d->claims[i], true);
        fdp_buf_putc(ctx, '\n');
    }
    fdp_doc_drop_claims(d);
    return 0;
}

// Every fixture article, its lines joined by spaces: one paragraph of ~90 KB.
static void append_fixtures_as_one_line(fdp_buf *b) {
    DIR *sets = opendir(FD_SOURCE_DIR "/fixtures");
    ck_assert_ptr_nonnull(sets);
    for (struct dirent *set; (set = readdir(sets));) {
        char dir[512];
        snprintf(dir, sizeof dir, FD_SOURCE_DIR "/fixtures/%s", set->d_name);
        DIR *docs = set->d_name[0] == '.' ? NULL : opendir(dir);
        for (struct dirent *doc; docs && (doc = readdir(docs));) {
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", dir, doc->d_name);
            FILE *f = strstr(doc->d_name, ".txt") ? fopen(path, "rb") : NULL;
            for (int c; f && (c = fgetc(f)) != EOF;)
                fdp_buf_putc(b, c == '\n' ? ' ' : (char)c);
            if (f)
                fclose(f);
        }
        if (docs)
            closedir(docs);
    }
    closedir(sets);
}

START_TEST(windows_change_no_claim) {
    // Real sentences, then the forms a cut must not split: digit groups with
    // spaces, sentence ends after abbreviations, fractions, possessives, other
    // scripts, zero-width characters, a BOM, and a paragraph with no claim.
    fdp_buf text = {0};
    fdp_buf_puts(&text, "Headline\n\nNo figure here at all.\n");
    append_fixtures_as_one_line(&text);
    fdp_buf_puts(&text,
                 " 1 000 000 people and 2\u00a0000 troops, No. 5 voted No. The U.S. F. Kennedy said"
                 " 2 \u00bd miles, \u00be of them, Syria's rally\u2019s 5\u200b448 \ufeffword"
                 " \u041c\u043e\u0441\u043a\u0432\u0430 120 \u0663\u0664 \"Quoted.\" (12) 10-25"
                 " percent, 5bn 21st some 60 km (37 miles) west\t\tat least 400 fighters killed.\n"
                 "The toll rose to 22, adding three to the previously confirmed 19.");
    ck_assert(!text.failed);
    fd_run *r = fd_run_new(rules);
    r->doc_read = NULL; // the document's stages are run here, not as it is read
    ck_assert_int_eq(fd_run_add_text(r, "long.txt", text.data, text.len, NULL, NULL), 0);
    fdp_doc *d = r->docs[0];
    ck_assert_ptr_nonnull(d->text);
    fd_error err;
    fdp_extractor *x = fdp_extractor_new(rules, &err);
    fdp_doc_tokens toks = {0};
    ck_assert_int_eq(fdp_tokenize_doc(rules, d, fdp_extract_may_hold, x, &toks), 0);
    ck_assert_int_eq(fdp_extract_doc(x, d, &toks), 0);
    ck_assert_uint_gt(d->nclaims, 400);
    fdp_buf whole = {0};
    append_claims(&whole, d);
    static const size_t windows[] = {1, 2, 7, 100, 4096, 0};
    for (size_t k = 0; k < sizeof windows / sizeof *windows; k++) {
        fdp_buf part = {0};
        token_list list = {0};
        ck_assert_int_eq(fdp_extract_doc_windowed(x, d, &list, windows[k], append_claims, &part),
                         0);
        ck_assert_msg(part.len == whole.len && !memcmp(part.data, whole.data, whole.len),
                      "windows of %zu bytes change the claims", windows[k]);
        fdp_token_list_free(&list);
        fdp_buf_free(&part);
    }
    fdp_buf_free(&whole);
    fdp_doc_tokens_free(&toks);
    fdp_extractor_free(x);
    fd_run_free(r);
    fdp_buf_free(&text);
}
END_TEST

/* Word tokens, whichever way the tokenizer reads them (plain ASCII words in one
 * pass, the rest through ICU folding): folded, hashed with fdp_hash_word and
 * resolved in the lexicon alike, cut and marked truncated past FDP_WORD_MAX - 1. */
START_TEST(word_tokens_fold_and_hash) {
    const char text[] = "Syria's RALLY x2 said 5bn abc'd \u00c9lan Rally\u2019s "
                        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx said,";
    static const char *const want[] = {"syria", "rally", "x2", "said", "bn", "abc'd",
                                       "elan", "rally", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                                       "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "said"};
    token_list l = {.rules = rules};
    ck_assert_int_eq(fdp_tokenize(text, 0, strlen(text), &l), 0);
    size_t k = 0;
    for (size_t i = 0; i < l.n; i++) {
        const token *t = &l.t[i];
        if (t->type != TK_WORD)
            continue;
        ck_assert_uint_lt(k, sizeof want / sizeof *want);
        ck_assert_str_eq(t->w, want[k]);
        ck_assert_uint_eq(t->hash, fdp_hash_word(t->w));
        ck_assert(t->truncated == (k == 9));
        ck_assert(t->possessive == (k == 0 || k == 7));
        ck_assert(t->cap == (k == 0 || k == 1 || k == 6 || k == 7));
        ck_assert(t->alnum == (k == 2));
        if (!t->truncated)
            ck_assert_ptr_eq(t->lex, fdp_lex_find(rules, t->w, t->hash));
        k++;
    }
    ck_assert_uint_eq(k, sizeof want / sizeof *want);
    ck_assert_ptr_nonnull(l.t[l.n - 2].lex); // "said" is a word of the rules
    fdp_token_list_free(&l);
}
END_TEST

/* A word's hash is fdp_hash_word of its folded form at every length, whether
 * the tokenizer hashes the word from the 16 bytes it folded at once (a word
 * under 16 letters with 16 bytes after its start) or from the folded string
 * (a longer word, or one near the end of the text). */
START_TEST(word_hash_at_every_length) {
    for (size_t n = 1; n <= 34; n++) {
        char text[128];
        size_t len = 0;
        for (int copy = 0; copy < 2; copy++) { // far from the end, then at it
            for (size_t i = 0; i < n; i++)
                text[len++] = (char)((i % 2 ? 'a' : 'Q') + (int)(i % 7));
            if (copy == 0) {
                memcpy(text + len, " and then some more ", 20);
                len += 20;
            }
        }
        token_list l = {.rules = rules};
        ck_assert_int_eq(fdp_tokenize(text, 0, len, &l), 0);
        size_t words = 0;
        for (size_t i = 0; i < l.n; i++) {
            if (l.t[i].type != TK_WORD)
                continue;
            words++;
            ck_assert_uint_eq(l.t[i].hash, fdp_hash_word(l.t[i].w));
        }
        ck_assert_uint_eq(words, 6);
        fdp_token_list_free(&l);
    }
}
END_TEST

static Suite *suite(void) {
    Suite *s = suite_create("extract");
    TCase *tc = tcase_create("forms");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, digits_with_grouping);
    tcase_add_test(tc, any_script_digits);
    tcase_add_test(tc, scales_and_money);
    tcase_add_test(tc, spelled_numbers);
    tcase_add_test(tc, ranges);
    tcase_add_test(tc, bounds_and_hedges);
    tcase_add_test(tc, vague_quantities);
    tcase_add_test(tc, the_words_set_the_interval);
    tcase_add_test(tc, place_and_scope_in_the_frame);
    tcase_add_test(tc, hyphenated_adjectives);
    tcase_add_test(tc, not_quantities);
    tcase_add_test(tc, every_listed_form);
    tcase_add_test(tc, separator_ambiguity_is_recorded);
    tcase_add_test(tc, halves_and_bare_scales);
    tcase_add_test(tc, scraped_code_is_not_claims);
    tcase_add_test(tc, two_originators_in_one_sentence);
    tcase_add_test(tc, another_year_is_another_fact);
    tcase_add_test(tc, byte_offsets_and_positions);
    tcase_add_test(tc, claim_frame);
    tcase_add_test(tc, attribution_carries_to_next_sentence);
    tcase_add_test(tc, speaker_not_subject_is_attributed);
    tcase_add_test(tc, zero_width_inside_numbers);
    tcase_add_test(tc, exponent_is_no_count);
    tcase_add_test(tc, windows_change_no_claim);
    tcase_add_test(tc, word_tokens_fold_and_hash);
    tcase_add_test(tc, word_hash_at_every_length);
    suite_add_tcase(s, tc);
    return s;
}

RUN_SUITE(suite)
