// Every API request body, through the server's own dispatch() (dispatch.hpp): what the HTTP layer
// calls once it has read a request, with the routes' body limits, the session and CSRF checks,
// and every error turned into a problem document. No socket: the HTTP framing has its own tests
// (tests/integration/server/strict_input_test.cpp, slow_clients_test.cpp).
//
// Input: the first byte picks a POST or PUT route of api_routes() (modulo their number, sign-out
// routes left out so the caller stays signed in) and, for a route with an {instrument}, the
// questionnaire; the rest is the body, sent as application/json by a signed-in caller with the
// right CSRF token, to a SQLite journal in a temporary folder. A 4xx answer is fine; a 5xx is a
// finding. After a 2xx, the person's screens are read back and must not answer 5xx either: what
// a route stored must be readable. The journal is not reset after every input (a person collects
// regimens, plans and check-ins as the run goes on), which lets later inputs reach the routes'
// paths for a person with history; but after kStoredPerJournal stored inputs the person is
// deleted through the API (which must succeed) and a new account begins. Without that the
// read-backs slowed down as the journal grew (every plan version is parsed on each read): the
// run went from hundreds to about 20 inputs a second.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "io/data_dir.hpp"
#include "io/instruments_load.hpp"
#include "server/api.hpp"
#include "server/dispatch.hpp"
#include "server/repository_pool.hpp"
#include "server/server_context.hpp"
#include "store/sqlite/open.hpp"

using namespace taperlab;
using namespace taperlab::server;

namespace {

// Inputs stored per journal before a fresh one: enough history for the routes' later paths
// (holds, replans, a second plan version), few enough that reads stay quick.
constexpr int kStoredPerJournal = 128;

const char* const kInstruments[] = {
    "phq9", "gad7", "isi", "bwsq", "ciwa-b", "psqi", "sleep-diary", "symptom-checklist", "unknown"};

struct Server {
  Catalog catalog = io::load_catalog(fuzz::data_dir());
  InstrumentRegistry instruments = io::load_instruments(fuzz::data_dir());
  CrisisDirectory crisis = io::load_crisis_directory(fuzz::data_dir());
  std::unique_ptr<store::Repository> first;
  std::unique_ptr<RepositoryPool> pool;
  std::unique_ptr<ServerContext> context;
  std::vector<Route> routes = api_routes();
  std::vector<const Route*> fuzzed;  // POST and PUT routes
  std::vector<const Route*> reads;   // GET routes of one person that need no other parameter
  std::string person_id;
  std::string cookie;
  std::string csrf;
  int journals = 0;           // accounts signed up so far
  int stored_in_journal = 0;  // inputs this journal has stored

  Server() {
    const std::filesystem::path base =
        std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
    std::string pattern = base / "taperlab-fuzz-api-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    const auto db = std::filesystem::path(pattern) / "journal.db";
    first = store::open_sqlite_repository(db);
    pool = std::make_unique<RepositoryPool>([db] { return store::open_sqlite_repository(db); });
    ServerLimits limits;
    limits.threads = 1;
    context = std::make_unique<ServerContext>(
        ServerContext{catalog, instruments, crisis, *pool, limits,
                      [] { return parse_civil_date("2026-03-01", "today"); },
                      [] { return std::string("2026-03-01T09:00:00Z"); }});
    for (const auto& route : routes) {
      const bool signs_out = route.path.find("/signout") != std::string::npos;
      if ((route.method == "POST" || route.method == "PUT") && !signs_out) fuzzed.push_back(&route);
      const std::string person_base = "/api/v1/people/{person_id}";
      if (route.method == "GET" && route.path.rfind(person_base, 0) == 0 &&
          route.path.find('{', person_base.size()) == std::string::npos) {
        reads.push_back(&route);
      }
    }
    sign_in();
    // TAPERLAB_FUZZ_ROUTES=1: the routes by their first byte, for writing seeds (fuzz/corpus).
    if (std::getenv("TAPERLAB_FUZZ_ROUTES") != nullptr) {
      for (std::size_t i = 0; i < fuzzed.size(); ++i) {
        std::fprintf(stderr, "%zu %s %s\n", i, fuzzed[i]->method.c_str(), fuzzed[i]->path.c_str());
      }
    }
  }

  const Route& route(const std::string& method, const std::string& path) const {
    for (const auto& r : routes) {
      if (r.method == method && r.path == path) return r;
    }
    throw std::logic_error("no route " + method + " " + path);
  }

  ApiRequest request(const Route& r, std::string body, const std::string& instrument) const {
    ApiRequest req;
    req.method = r.method;
    // An address per account: sign-ups are limited per address (10 an hour).
    req.remote_addr =
        "10.0." + std::to_string(journals / 256 % 256) + "." + std::to_string(journals % 256);
    req.headers["content-type"] = "application/json";
    if (!cookie.empty()) {
      req.headers["cookie"] = cookie;
      req.headers["x-csrf-token"] = csrf;
    }
    req.body = std::move(body);
    std::string path = r.path;
    for (std::size_t open = path.find('{'); open != std::string::npos; open = path.find('{')) {
      const std::size_t close = path.find('}', open);
      const std::string name = path.substr(open + 1, close - open - 1);
      const std::string value = name == "person_id"    ? person_id
                                : name == "instrument" ? instrument
                                                       : std::string("1");
      req.captures.push_back(value);
      path.replace(open, close - open + 1, value);
    }
    req.path = std::move(path);
    return req;
  }

  // Deletes the person (their account and sessions with them) and signs up a new one.
  void fresh_journal() {
    const Route& remove = route("DELETE", "/api/v1/people/{person_id}");
    const ApiRequest req = request(remove, "", "");
    const ApiResponse res = dispatch(remove, req, *context);
    if (res.status >= 300) {
      fuzz::finding("api dispatch", ("DELETE " + req.path + " answered " +
                                     std::to_string(res.status) + ": " + res.body)
                                        .c_str());
    }
    cookie.clear();
    csrf.clear();
    ++journals;
    stored_in_journal = 0;
    sign_in();
  }

  void sign_in() {
    const nlohmann::json account{{"email", "fuzz" + std::to_string(journals) + "@example.org"},
                                 {"password", "correct-horse-battery"},
                                 {"country", "GB"}};
    auto res =
        dispatch(route("POST", "/api/v1/auth/signup"),
                 request(route("POST", "/api/v1/auth/signup"), account.dump(), ""), *context);
    if (res.status != 202) throw std::runtime_error("sign-up failed: " + res.body);
    res = dispatch(route("POST", "/api/v1/auth/signin"),
                   request(route("POST", "/api/v1/auth/signin"), account.dump(), ""), *context);
    if (res.status != 200) throw std::runtime_error("sign-in failed: " + res.body);
    const auto doc = nlohmann::json::parse(res.body);
    person_id = std::to_string(doc.at("person_id").get<std::int64_t>());
    csrf = doc.at("csrf_token").get<std::string>();
    for (const auto& [name, value] : res.headers) {
      if (name == "Set-Cookie") cookie = value.substr(0, value.find(';'));
    }
    if (cookie.empty()) throw std::runtime_error("sign-in set no cookie");
  }
};

void check(const Route& r, const ApiRequest& req, const ApiResponse& res, const char* stage) {
  if (res.status < 500) return;
  const std::string what = std::string(stage) + " " + r.method + " " + req.path + " answered " +
                           std::to_string(res.status) + ": " + res.body;
  fuzz::finding("api dispatch", what.c_str());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Server server;
  if (size == 0) return 0;
  const std::size_t n = server.fuzzed.size();
  const Route& r = *server.fuzzed[data[0] % n];
  const char* instrument = kInstruments[(data[0] / n) % std::size(kInstruments)];
  const ApiRequest req =
      server.request(r, std::string(reinterpret_cast<const char*>(data) + 1, size - 1), instrument);
  const ApiResponse res = dispatch(r, req, *server.context);
  check(r, req, res, "request");
  if (res.status >= 300 || r.stores_nothing) return 0;
  for (const Route* read : server.reads) {
    const ApiRequest get = server.request(*read, "", instrument);
    check(*read, get, dispatch(*read, get, *server.context), "read back after it:");
  }
  if (++server.stored_in_journal >= kStoredPerJournal) server.fresh_journal();
  return 0;
}
