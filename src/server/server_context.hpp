#pragma once

// What every request shares: the read-only catalogues, where repositories come from, the clock
// and the limits. What is kept of a person's state (sessions, today's answer) is used only after
// checking the store's change counters, so several server processes can share one database.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "core/drugs/catalog.hpp"
#include "core/base/civil_date.hpp"
#include "core/instruments/crisis_directory.hpp"
#include "core/instruments/instrument_registry.hpp"
#include "journal/journal_context.hpp"
#include "server/abrupt_stop_memo.hpp"
#include "server/compute_gate.hpp"
#include "server/plan_search_memo.hpp"
#include "server/repository_pool.hpp"
#include "server/signed_in_cache.hpp"
#include "server/today_memo.hpp"

namespace taperlab::server {

struct ServerLimits {
  // 1 MiB: any form. A route may take more (Route::max_body_bytes): an import, 8 MiB.
  std::size_t max_body_bytes = 1 << 20;
  int max_json_depth = 32;
  int read_timeout_s = 10;
  int write_timeout_s = 10;
  int threads = 32;               // a kept-alive connection holds a thread while it is open
  int keep_alive_requests = 100;  // requests on one connection before the server closes it
  int session_days = 30;
  bool secure_cookies = false;  // set when served behind TLS
};

struct ServerContext {
  const Catalog& catalog;
  const InstrumentRegistry& instruments;
  const CrisisDirectory& crisis;
  RepositoryPool& repositories;
  ServerLimits limits;
  std::function<CivilDate()> today;
  std::function<std::string()> now_utc;  // "YYYY-MM-DDTHH:MM:SSZ"
  // Simulations (plan previews and saves) compute a few at a time, in arrival order.
  std::shared_ptr<ComputeGate> simulations = std::make_shared<ComputeGate>();
  // Computations from requests' own inputs, not a person's state (abrupt_stop_memo.hpp).
  std::shared_ptr<AbruptStopMemo> abrupt_stops = std::make_shared<AbruptStopMemo>();
  // The alternatives of recent previews, so that picking another builds only it
  // (plan_search_memo.hpp).
  std::shared_ptr<PlanSearchMemo> plan_searches = std::make_shared<PlanSearchMemo>();
  // Read state kept between requests, checked against the store's change counters before use.
  std::shared_ptr<SignedInCache> signed_in = std::make_shared<SignedInCache>();
  std::shared_ptr<TodayMemo> today_answers = std::make_shared<TodayMemo>();
};

}  // namespace taperlab::server
