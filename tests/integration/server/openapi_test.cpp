// The served OpenAPI document and the routes the server binds must agree exactly: a route added
// without documenting it (or documented but never bound) fails here. Every answer with a body has
// a schema, and real answers of a journal match theirs (the web app's TypeScript types are
// generated from these schemas: web/src/api/schema.d.ts). web/test/api_schemas.test.ts checks
// answers recorded from the demo journal in full.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "server/api.hpp"
#include "server_fixture.hpp"

namespace taperlab::server::testing {
namespace {

class ServerOpenApi : public ServerFixture {
 protected:
  json document() {
    auto res = get("/api/v1/openapi.json");
    EXPECT_TRUE(res && res->status == 200);
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
    json doc = body_of(res);
    EXPECT_TRUE(doc.is_object()) << "the OpenAPI document is not valid JSON";
    return doc.is_object() ? doc : json::object();
  }
};

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// "#/components/parameters/date" -> the object it names (or the object itself if no $ref).
const json& resolve(const json& doc, const json& item) {
  if (!item.contains("$ref")) return item;
  const std::string ref = item.at("$ref").get<std::string>();
  return doc.at(json::json_pointer(ref.substr(1)));
}

const std::set<std::string> kMethods = {"get",   "put",  "post",    "delete",
                                        "patch", "head", "options", "trace"};

TEST_F(ServerOpenApi, DocumentsExactlyTheBoundRoutes) {
  const json doc = document();
  ASSERT_EQ(doc.value("openapi", ""), "3.0.3");
  std::set<std::string> documented;
  for (const auto& [path, item] : doc.at("paths").items()) {
    for (const auto& [method, operation] : item.items()) {
      if (kMethods.count(method) != 0) documented.insert(upper(method) + " " + path);
    }
  }
  std::set<std::string> bound;
  for (const Route& route : api_routes()) {
    EXPECT_TRUE(bound.insert(route.method + " " + route.path).second)
        << "bound twice: " << route.method << " " << route.path;
  }
  // Named one by one, so a failure says which route to document or bind.
  for (const auto& r : bound) EXPECT_EQ(documented.count(r), 1u) << "not documented: " << r;
  for (const auto& d : documented) EXPECT_EQ(bound.count(d), 1u) << "documented, not bound: " << d;
}

TEST_F(ServerOpenApi, EveryOperationHasResponsesAndItsPathParameters) {
  const json doc = document();
  static const std::regex parameter(R"(\{([a-z_]+)\})");
  for (const auto& [path, item] : doc.at("paths").items()) {
    std::set<std::string> in_path;
    for (auto it = std::sregex_iterator(path.begin(), path.end(), parameter);
         it != std::sregex_iterator(); ++it) {
      in_path.insert((*it)[1].str());
    }
    for (const auto& [method, operation] : item.items()) {
      if (kMethods.count(method) == 0) continue;
      const std::string where = upper(method) + " " + path;
      ASSERT_TRUE(operation.contains("responses")) << where;
      EXPECT_FALSE(operation.at("responses").empty()) << where;
      EXPECT_FALSE(operation.value("summary", "").empty()) << where;
      std::set<std::string> declared;
      for (const auto& p : operation.value("parameters", json::array())) {
        const json& resolved = resolve(doc, p);
        if (resolved.at("in") == "path") declared.insert(resolved.at("name").get<std::string>());
      }
      EXPECT_EQ(declared, in_path) << where;
      // Every answer's $ref must exist, or a client generator stops on the document.
      for (const auto& [code, response] : operation.at("responses").items()) {
        EXPECT_NO_THROW((void)resolve(doc, response)) << where << " " << code;
      }
    }
  }
}

TEST_F(ServerOpenApi, ProblemSchemaAndSecuritySchemes) {
  const json doc = document();
  const json& problem = doc.at("components").at("schemas").at("Problem");
  for (const char* field : {"type", "title", "status", "detail", "errors"}) {
    EXPECT_TRUE(problem.at("properties").contains(field)) << field;
  }
  const json& error = problem.at("properties").at("errors").at("items").at("properties");
  EXPECT_TRUE(error.contains("field"));
  EXPECT_TRUE(error.contains("message"));

  const json& schemes = doc.at("components").at("securitySchemes");
  EXPECT_EQ(schemes.at("cookieAuth").at("in"), "cookie");
  EXPECT_EQ(schemes.at("cookieAuth").at("name"), "taperlab_session");
  EXPECT_EQ(schemes.at("csrfToken").at("in"), "header");
  EXPECT_EQ(schemes.at("csrfToken").at("name"), "X-CSRF-Token");

  // Public routes say so; the rest inherit the cookie (and state changes ask for the token).
  for (const Route& route : api_routes()) {
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const json* path_item =
        doc.at("paths").contains(route.path) ? &doc.at("paths").at(route.path) : nullptr;
    if (path_item == nullptr || !path_item->contains(method)) continue;  // reported above
    const json& op = path_item->at(method);
    const bool open = op.contains("security") && op.at("security").empty();
    EXPECT_EQ(open, route.access == Access::kPublic) << route.method << " " << route.path;
    if (route.access == Access::kSession) {
      EXPECT_TRUE(op.at("responses").contains("401")) << route.method << " " << route.path;
      if (route.method != "GET") {
        EXPECT_TRUE(op.at("responses").contains("403")) << route.method << " " << route.path;
      }
    }
  }
}

// The media types of a response (its $ref followed): type -> media object.
const json& content_of(const json& doc, const json& response) {
  static const json none = json::object();
  const json& r = resolve(doc, response);
  return r.contains("content") ? r.at("content") : none;
}

TEST_F(ServerOpenApi, EveryAnswerWithABodyHasASchema) {
  const json doc = document();
  int with_body = 0;
  for (const auto& [path, item] : doc.at("paths").items()) {
    for (const auto& [method, operation] : item.items()) {
      if (kMethods.count(method) == 0) continue;
      for (const auto& [code, response] : operation.at("responses").items()) {
        const std::string where = upper(method) + " " + path + " " + code;
        const json& content = content_of(doc, response);
        if (code == "204") {
          EXPECT_TRUE(content.empty()) << where << ": 204 has no body";
          continue;
        }
        ASSERT_FALSE(content.empty()) << where << ": no content";
        ++with_body;
        for (const auto& [type, media] : content.items()) {
          ASSERT_TRUE(media.contains("schema")) << where << " " << type;
          // One named shape per JSON answer, so that the generated types name it.
          if (type == "application/json" && code[0] == '2' && path != "/api/v1/openapi.json") {
            EXPECT_TRUE(media.at("schema").contains("$ref")) << where;
          }
          if (type == "application/problem+json") {
            EXPECT_EQ(media.at("schema").value("$ref", ""), "#/components/schemas/Problem")
                << where;
          }
        }
      }
    }
  }
  EXPECT_GT(with_body, 150);
}

// Every "$ref" anywhere in the document names something that exists.
void expect_refs_resolve(const json& doc, const json& node, const std::string& where) {
  if (node.is_object()) {
    if (node.contains("$ref")) {
      EXPECT_NO_THROW((void)resolve(doc, node)) << where;
    }
    for (const auto& [key, value] : node.items())
      expect_refs_resolve(doc, value, where + "/" + key);
  } else if (node.is_array()) {
    for (const auto& value : node) expect_refs_resolve(doc, value, where + "[]");
  }
}

TEST_F(ServerOpenApi, EveryReferenceResolves) {
  const json doc = document();
  expect_refs_resolve(doc, doc, "#");
}

// A small check of a value against an OpenAPI 3.0 schema: type (integer, number, string, boolean,
// array, object), nullable, enum, required, properties (no others unless additionalProperties),
// items, $ref and allOf; enough for the schemas this document uses. Each difference is one line in
// `errors`.
void check(const json& doc, const json& schema_in, const json& value, const std::string& at,
           std::vector<std::string>& errors) {
  const json& schema = resolve(doc, schema_in);
  if (value.is_null()) {
    if (!schema.value("nullable", false) && !schema.empty()) errors.push_back(at + ": null");
    return;
  }
  if (schema.contains("allOf")) {
    for (const auto& part : schema.at("allOf")) check(doc, part, value, at, errors);
  }
  const std::string type = schema.value("type", "");
  const bool ok =
      type.empty() || (type == "object" && value.is_object()) ||
      (type == "array" && value.is_array()) || (type == "string" && value.is_string()) ||
      (type == "boolean" && value.is_boolean()) ||
      (type == "integer" && value.is_number_integer()) || (type == "number" && value.is_number());
  if (!ok) {
    errors.push_back(at + ": expected " + type + ", got " + value.type_name());
    return;
  }
  if (schema.contains("enum")) {
    const json& values = schema.at("enum");
    if (std::find(values.begin(), values.end(), value) == values.end()) {
      errors.push_back(at + ": " + value.dump() + " is not one of " + values.dump());
    }
  }
  if (value.is_array() && schema.contains("items")) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      check(doc, schema.at("items"), value[i], at + "/" + std::to_string(i), errors);
    }
  }
  if (!value.is_object()) return;
  for (const auto& key : schema.value("required", json::array())) {
    if (!value.contains(key.get<std::string>())) errors.push_back(at + ": no " + key.dump());
  }
  const json properties = schema.value("properties", json::object());
  const json extra = schema.value("additionalProperties", json(properties.empty()));
  for (const auto& [key, member] : value.items()) {
    if (properties.contains(key)) {
      check(doc, properties.at(key), member, at + "/" + key, errors);
    } else if (extra.is_object()) {
      check(doc, extra, member, at + "/" + key, errors);
    } else if (extra == false) {
      errors.push_back(at + ": " + key + " is not in the schema");
    }
  }
}

class ServerAnswersMatchSchemas : public ServerOpenApi {
 protected:
  // The answer to METHOD path, checked against the document's schema for its status.
  json expect_matches(const std::string& method, const std::string& path,
                      const std::string& documented, const json& body, int status) {
    auto res = call(method, path, &me_, body.is_null() ? "" : body.dump());
    EXPECT_TRUE(res) << method << " " << path;
    if (!res) return json();
    EXPECT_EQ(res->status, status) << method << " " << path << ": " << res->body;
    const json answer = json::parse(res->body, nullptr, false);
    std::string lower = method;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const json& response =
        doc_.at("paths").at(documented).at(lower).at("responses").at(std::to_string(status));
    const json& content = content_of(doc_, response);
    const std::string type = status >= 400 ? "application/problem+json" : "application/json";
    std::vector<std::string> errors;
    check(doc_, content.at(type).at("schema"), answer, "", errors);
    EXPECT_TRUE(errors.empty()) << method << " " << path << ":\n"
                                << [&] {
                                     std::string all;
                                     for (const auto& e : errors) all += "  " + e + "\n";
                                     return all;
                                   }();
    return answer;
  }
  json doc_;
  Account me_;
};

TEST_F(ServerAnswersMatchSchemas, ThroughATaperAndItsDocuments) {
  doc_ = document();
  me_ = sign_up("schemas@example.org");
  const std::string p = "/api/v1/people/{person_id}";
  const auto mine = [&](const std::string& rest) { return person_path(me_, rest); };
  expect_matches("GET", "/api/v1/auth/session", "/api/v1/auth/session", nullptr, 200);
  expect_matches("GET", mine("/today"), p + "/today", nullptr, 200);
  expect_matches("GET", mine("/status"), p + "/status", nullptr, 200);
  expect_matches("POST", mine("/regimen"), p + "/regimen",
                 {{"regimen", "clonazepam 0.5mg@08:00, 0.5mg@20:00"}, {"date", "2026-02-01"}}, 201);
  expect_matches("POST", mine("/plans/preview"), p + "/plans/preview",
                 {{"strategy", "fraction"}, {"cut", "10%"}, {"every", "14d"}}, 200);
  expect_matches(
      "POST", mine("/plans"), p + "/plans",
      {{"strategy", "fraction"}, {"cut", "10%"}, {"every", "14d"}, {"start", "2026-02-01"}}, 201);
  expect_matches("POST", mine("/doses"), p + "/doses", json::object(), 201);
  expect_matches("POST", mine("/check-ins"), p + "/check-ins",
                 {{"symptoms", {{"anxiety", 1}, {"insomnia", 2}}}, {"mood", 6}}, 201);
  expect_matches("POST", mine("/check-ins"), p + "/check-ins", {{"mood", 6}}, 409);
  expect_matches("POST", mine("/questionnaires/gad7"), p + "/questionnaires/{instrument}",
                 {{"answers", {1, 1, 0, 2, 1, 0, 1}}}, 201);
  for (const char* rest :
       {"", "/regimen", "/plans", "/plans/1", "/today", "/doses", "/check-ins", "/questionnaires",
        "/status", "/progress", "/recovery", "/insights", "/decisions", "/cognitive-sessions",
        "/export", "/calendar-subscription"}) {
    const std::string documented = std::string(rest) == "/plans/1" ? "/plans/{version}" : rest;
    expect_matches("GET", mine(rest), p + documented, nullptr, 200);
  }
  expect_matches("GET", mine("/plans/9"), p + "/plans/{version}", nullptr, 404);
}

}  // namespace
}  // namespace taperlab::server::testing
