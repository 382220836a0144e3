#include "core/instruments/instrument_parse.hpp"

#include <nlohmann/json.hpp>
#include <set>

#include "core/instruments/data_file_reader.hpp"

namespace taperlab {
namespace {

using nlohmann::json;

std::string indexed_field(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

// Item and instrument ids end up in check-ins, URLs and CLI arguments: keep them kebab-case.
bool is_kebab_id(const std::string& id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  char previous = ' ';
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && previous == '-')) return false;
    previous = c;
  }
  return true;
}

InstrumentKind parse_kind(const DataFileReader& r, const json& doc) {
  const std::string kind = r.text(doc, "kind", "");
  if (kind == "questionnaire") return InstrumentKind::kQuestionnaire;
  if (kind == "checklist") return InstrumentKind::kChecklist;
  if (kind == "diary") return InstrumentKind::kDiary;
  if (kind == "byol") return InstrumentKind::kByol;
  r.fail("kind", "unknown kind '" + kind + "' (questionnaire, checklist, diary or byol)");
}

std::vector<ResponseOption> parse_options(const DataFileReader& r, const json& v,
                                          const std::string& field) {
  if (!v.is_array() || v.empty()) r.fail(field, "expected a non-empty list of {value, label}");
  std::vector<ResponseOption> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string f = indexed_field(field, i);
    r.expect_keys(v[i], {"value", "label"}, f);
    ResponseOption o;
    o.value = r.integer(r.member(v[i], "value", f), f + ".value");
    o.label = r.text(v[i], "label", f);
    if (!out.empty() && o.value <= out.back().value) {
      r.fail(f + ".value", "values must be strictly ascending");
    }
    out.push_back(std::move(o));
  }
  return out;
}

std::vector<InstrumentItem> parse_items(const DataFileReader& r, const json& doc) {
  const json* shared = r.optional_member(doc, "response_options", "");
  std::vector<ResponseOption> shared_options;
  if (shared != nullptr) shared_options = parse_options(r, *shared, "response_options");

  const json& items = r.member(doc, "items", "");
  if (!items.is_array() || items.empty()) r.fail("items", "expected a non-empty list");
  std::vector<InstrumentItem> out;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string f = indexed_field("items", i);
    r.expect_keys(items[i], {"id", "text", "response_options"}, f);
    InstrumentItem item;
    item.id = r.text(items[i], "id", f);
    if (!is_kebab_id(item.id)) r.fail(f + ".id", "expected a kebab-case id like 'low-mood'");
    if (!ids.insert(item.id).second) r.fail(f + ".id", "duplicate item id '" + item.id + "'");
    item.text = r.text(items[i], "text", f);
    if (const json* own = r.optional_member(items[i], "response_options", f)) {
      item.options = parse_options(r, *own, f + ".response_options");
    } else if (shared != nullptr) {
      item.options = shared_options;
    } else {
      r.fail(f + ".response_options", "is missing (and there are no shared response_options)");
    }
    out.push_back(std::move(item));
  }
  return out;
}

Scoring parse_scoring(const DataFileReader& r, const json& doc,
                      const std::vector<InstrumentItem>& items) {
  const json& v = r.member(doc, "scoring", "");
  r.expect_keys(v, {"method", "min", "max", "bands", "show_as", "evidence", "source"}, "scoring");
  if (const std::string method = r.text(v, "method", "scoring"); method != "sum") {
    r.fail("scoring.method", "unknown method '" + method + "' (only \"sum\" is supported)");
  }
  Scoring s;
  s.min = r.integer(r.member(v, "min", "scoring"), "scoring.min");
  s.max = r.integer(r.member(v, "max", "scoring"), "scoring.max");
  int lowest = 0;
  int highest = 0;
  for (const auto& item : items) {
    lowest += item.min_value();
    highest += item.max_value();
  }
  // The stated range is a check on the items: a missing item or option shows up here.
  if (s.min != lowest) {
    r.fail("scoring.min",
           "is " + std::to_string(s.min) + " but the items add up to " + std::to_string(lowest));
  }
  if (s.max != highest) {
    r.fail("scoring.max",
           "is " + std::to_string(s.max) + " but the items add up to " + std::to_string(highest));
  }
  const std::string show_as = r.optional_text(v, "show_as", "scoring");
  if (!show_as.empty() && show_as != "total" && show_as != "share") {
    r.fail("scoring.show_as", "expected \"total\" or \"share\"");
  }
  s.show_as_share = show_as == "share";
  const json& bands = r.member(v, "bands", "scoring");
  if (!bands.is_array()) r.fail("scoring.bands", "expected a list of {min, label}");
  for (std::size_t i = 0; i < bands.size(); ++i) {
    const std::string f = indexed_field("scoring.bands", i);
    r.expect_keys(bands[i], {"min", "label"}, f);
    ScoreBand b;
    b.min = r.integer(r.member(bands[i], "min", f), f + ".min");
    b.label = r.text(bands[i], "label", f);
    if (i == 0 && b.min != s.min) r.fail(f + ".min", "the first band must start at scoring.min");
    if (i > 0 && b.min <= s.bands.back().min) {
      r.fail(f + ".min", "band lower bounds must be strictly ascending");
    }
    if (b.min > s.max) r.fail(f + ".min", "lies above scoring.max");
    s.bands.push_back(std::move(b));
  }
  s.evidence = r.evidence(v, "evidence", "scoring");
  s.source = r.text(v, "source", "scoring");
  return s;
}

CrisisRule parse_crisis_rule(const DataFileReader& r, const json& v,
                             const std::vector<InstrumentItem>& items) {
  r.expect_keys(v, {"item", "above", "evidence", "source"}, "crisis_rule");
  CrisisRule rule;
  rule.item_id = r.text(v, "item", "crisis_rule");
  bool found = false;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].id == rule.item_id) {
      rule.item_index = i;
      found = true;
    }
  }
  if (!found) r.fail("crisis_rule.item", "no item has the id '" + rule.item_id + "'");
  rule.above = r.integer(r.member(v, "above", "crisis_rule"), "crisis_rule.above");
  const InstrumentItem& item = items[rule.item_index];
  if (rule.above < item.min_value() || rule.above >= item.max_value()) {
    r.fail("crisis_rule.above", "must lie in [" + std::to_string(item.min_value()) + ", " +
                                    std::to_string(item.max_value()) +
                                    ") so that some answer triggers it");
  }
  rule.evidence = r.evidence(v, "evidence", "crisis_rule");
  rule.source = r.text(v, "source", "crisis_rule");
  return rule;
}

Frequency parse_frequency(const DataFileReader& r, const json& v) {
  r.expect_keys(v, {"every_days", "text", "evidence", "source"}, "frequency");
  Frequency f;
  f.every_days = r.integer(r.member(v, "every_days", "frequency"), "frequency.every_days");
  if (f.every_days < 1) r.fail("frequency.every_days", "must be at least 1");
  f.text = r.text(v, "text", "frequency");
  f.evidence = r.evidence(v, "evidence", "frequency");
  f.source = r.text(v, "source", "frequency");
  return f;
}

std::vector<DiaryField> parse_fields(const DataFileReader& r, const json& doc) {
  const json& fields = r.member(doc, "fields", "");
  if (!fields.is_array() || fields.empty()) r.fail("fields", "expected a non-empty list");
  std::vector<DiaryField> out;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string f = indexed_field("fields", i);
    const json& v = fields[i];
    r.expect_keys(v,
                  {"id", "label", "type", "min", "max", "unit", "low_label", "high_label",
                   "evidence", "source"},
                  f);
    DiaryField d;
    d.id = r.text(v, "id", f);
    if (!ids.insert(d.id).second) r.fail(f + ".id", "duplicate field id '" + d.id + "'");
    d.label = r.text(v, "label", f);
    const std::string type = r.text(v, "type", f);
    if (type == "time") {
      d.type = DiaryFieldType::kTime;
      for (const char* k : {"min", "max", "unit", "low_label", "high_label"}) {
        r.forbid(v, k, f, "a time field has no range, unit or labels");
      }
    } else if (type == "integer") {
      d.type = DiaryFieldType::kInteger;
      d.min = r.integer(r.member(v, "min", f), f + ".min");
      d.max = r.integer(r.member(v, "max", f), f + ".max");
      if (*d.max <= *d.min) r.fail(f + ".max", "must be greater than min");
      d.unit = r.optional_text(v, "unit", f);
      d.low_label = r.optional_text(v, "low_label", f);
      d.high_label = r.optional_text(v, "high_label", f);
      // A range is a clinical plausibility limit, so it says where it comes from.
      d.evidence = r.evidence(v, "evidence", f);
      d.source = r.text(v, "source", f);
    } else {
      r.fail(f + ".type", "unknown type '" + type + "' (time or integer)");
    }
    out.push_back(std::move(d));
  }
  return out;
}

Licence parse_licence(const DataFileReader& r, const json& doc) {
  const json& v = r.member(doc, "licence", "");
  r.expect_keys(v, {"status", "items_may_be_reproduced", "requires_licence_file", "text", "source"},
                "licence");
  Licence l;
  const std::string status = r.text(v, "status", "licence");
  if (status == "free") {
    l.status = LicenceStatus::kFree;
  } else if (status == "own") {
    l.status = LicenceStatus::kOwn;
  } else if (status == "copyrighted") {
    l.status = LicenceStatus::kCopyrighted;
  } else if (status == "unclear") {
    l.status = LicenceStatus::kUnclear;
  } else {
    r.fail("licence.status", "unknown status '" + status + "' (free, own, copyrighted, unclear)");
  }
  l.items_may_be_reproduced = r.boolean(v, "items_may_be_reproduced", "licence");
  if (r.optional_member(v, "requires_licence_file", "licence") != nullptr) {
    l.requires_licence_file = r.boolean(v, "requires_licence_file", "licence");
  }
  l.text = r.text(v, "text", "licence");
  l.source = r.text(v, "source", "licence");
  return l;
}

void parse_byol(const DataFileReader& r, const json& doc, Instrument& in) {
  const std::string why = "a bring-your-own-licence entry ships no items, scoring or stems";
  for (const char* k :
       {"items", "response_options", "scoring", "crisis_rule", "fields", "instructions"}) {
    r.forbid(doc, k, "", why);
  }
  if (in.licence.items_may_be_reproduced) {
    r.fail("licence.items_may_be_reproduced", "must be false for a byol entry");
  }
  if (!in.licence.requires_licence_file) {
    r.fail("licence.requires_licence_file", "must be true for a byol entry");
  }
  in.recall_period = r.optional_text(doc, "recall_period", "");
  if (const json* f = r.optional_member(doc, "frequency", ""))
    in.frequency = parse_frequency(r, *f);
}

void parse_scored(const DataFileReader& r, const json& doc, Instrument& in) {
  r.forbid(doc, "fields", "", "only diaries have fields");
  in.items = parse_items(r, doc);
  in.scoring = parse_scoring(r, doc, in.items);
  if (const json* c = r.optional_member(doc, "crisis_rule", "")) {
    in.crisis_rule = parse_crisis_rule(r, *c, in.items);
  }
}

void parse_diary(const DataFileReader& r, const json& doc, Instrument& in) {
  const std::string why = "a diary has fields, not scored items";
  for (const char* k : {"items", "response_options", "scoring", "crisis_rule"}) {
    r.forbid(doc, k, "", why);
  }
  in.fields = parse_fields(r, doc);
}

}  // namespace

Instrument parse_instrument(const json& doc, const std::string& file) {
  DataFileReader r(file);
  if (!doc.is_object()) r.fail("", "expected a JSON object");
  Instrument in;
  in.id = r.text(doc, "id", "");
  r.set_item(in.id);
  if (!is_kebab_id(in.id)) r.fail("id", "expected a kebab-case id like 'phq9' or 'ciwa-b'");
  r.expect_keys(doc,
                {"id", "name", "full_name", "kind", "purpose", "validated", "validation_note",
                 "instructions", "recall_period", "frequency", "response_options", "items",
                 "scoring", "crisis_rule", "fields", "licence", "citation"},
                "");
  in.name = r.text(doc, "name", "");
  in.full_name = r.optional_text(doc, "full_name", "");
  in.kind = parse_kind(r, doc);
  in.purpose = r.text(doc, "purpose", "");
  in.validated = r.boolean(doc, "validated", "");
  in.validation_note = r.optional_text(doc, "validation_note", "");
  if (!in.validated && in.validation_note.empty()) {
    r.fail("validation_note", "is required when validated is false: the interface must say so");
  }
  in.licence = parse_licence(r, doc);
  in.citation = r.text(doc, "citation", "");

  if (in.kind == InstrumentKind::kByol) {
    parse_byol(r, doc, in);
    return in;
  }
  in.instructions = r.text(doc, "instructions", "");
  in.recall_period = r.text(doc, "recall_period", "");
  in.frequency = parse_frequency(r, r.member(doc, "frequency", ""));
  if (!in.licence.items_may_be_reproduced) {
    r.fail("licence.items_may_be_reproduced",
           "is false: an instrument whose items may not be reproduced must be a byol entry");
  }
  if (in.kind == InstrumentKind::kDiary) {
    parse_diary(r, doc, in);
  } else {
    parse_scored(r, doc, in);
  }
  // The PHQ-9 crisis rule is a safety promise (docs/tracking.md): losing it in an edit of the data
  // file must stop taperlab from starting, not silently stop the crisis message.
  if (in.id == "phq9" && !in.crisis_rule) {
    r.fail("crisis_rule", "the PHQ-9 must define its item 9 crisis rule");
  }
  return in;
}

}  // namespace taperlab
