#pragma once
// The routes of `kader serve` (docs/serve.md). Each handler answers every
// request itself, errors included, as JSON; server.cpp wires them to paths
// and catches what they should never throw.
#include "interpreter/serve/decision_recorder.hpp"
#include "interpreter/serve/rule_holder.hpp"

#include <atomic>
#include <httplib.h>
#include <string>

namespace kader::serve {

// What the routes share, for the life of the server.
struct Service {
    RuleHolder& rules;
    DecisionRecorder* recorder; // null without --log
    std::size_t max_body;       // --max-body, bytes
    RenderStyle stderr_style;   // for what is written on standard error (SIGHUP)
    // Batches being decided or streamed: a stop waits for them, since httplib
    // breaks off a chunked answer when the server stops.
    std::atomic<int> batches_in_flight{0};
};

void decide_route(Service& s, const httplib::Request& req, httplib::Response& res,
                  const httplib::ContentReader& reader);
void batch_route(Service& s, const httplib::Request& req, httplib::Response& res,
                 const httplib::ContentReader& reader);
void rules_route(Service& s, const httplib::Request& req, httplib::Response& res);
void health_route(Service& s, const httplib::Request& req, httplib::Response& res);
void reload_route(Service& s, const httplib::Request& req, httplib::Response& res,
                  const httplib::ContentReader& reader);
void openapi_route(Service& s, const httplib::Request& req, httplib::Response& res);

// Reloads the rule files on SIGHUP: the outcome goes to standard error.
void reload_on_signal(Service& s);

// The OpenAPI 3.0 document of the routes, as served at /openapi.json.
const std::string& openapi_document();

} // namespace kader::serve
