// The served OpenAPI document and the routes the server binds must agree exactly: a route added
// without documenting it (or documented but never bound) fails here.
#include <gtest/gtest.h>

#include <regex>
#include <set>

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

}  // namespace
}  // namespace taperlab::server::testing
