#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/instruments/instrument.hpp"

namespace taperlab {

struct InstrumentScore {
  int total = 0;
  int min = 0;
  int max = 0;
  std::string band;    // e.g. "moderate"; empty when the instrument has no bands
  double share = 0.0;  // (total - min) / (max - min), 0..1
};

// Scores answers given in item order. Errors are ValidationErrors:
//  - a diary or a bring-your-own-licence entry cannot be scored (field "instrument");
//  - the wrong number of answers names `field` ("answers": "expected 9 answers, ...");
//  - an answer out of range names `field` with its 0-based index and says the 1-based item
//    number: "answers[2]": "item 3: expected 0 to 3, got 5". Every bad answer is reported.
InstrumentScore score(const Instrument& instrument, const std::vector<int>& answers,
                      const std::string& field);

// The label of the band `total` falls in; empty when the scoring has no bands.
std::string band_label(const Scoring& scoring, int total);

// "0,1,2,3" (spaces allowed) -> {0, 1, 2, 3}, for the CLI. Something that is not a whole number
// names `field` with its index: "answers[2]": "answer 3: expected a whole number, got 'x'".
// Answers read as 64-bit whole numbers (an API body's), checked against `instrument` before they
// become ints: one per item, each a value its item allows, or ValidationError naming "answers[8]"
// and the value as given (2^32 + 1, not the 1 an int would make of it).
std::vector<int> checked_answers(const Instrument& instrument,
                                 const std::vector<std::int64_t>& answers,
                                 const std::string& field);

// Ranges are checked by score(), which knows the instrument.
std::vector<int> parse_answers(std::string_view text, const std::string& field);

// True when the answers trigger the instrument's crisis rule (PHQ-9 item 9 above 0). The caller
// must then show crisis_message(): every time, with no setting that turns it off.
bool needs_crisis_message(const Instrument& instrument, const std::vector<int>& answers);

// Throws ValidationError (field "instrument") unless the instrument has items and a scoring:
// diaries have none, and bring-your-own-licence entries ship no items to administer.
void require_scored(const Instrument& instrument);

}  // namespace taperlab
