// GET /healthz, GET /v1/rules, POST /v1/reload, GET /openapi.json, and the
// reload on SIGHUP.
#include "interpreter/serve/http.hpp"
#include "interpreter/serve/routes.hpp"
#include "interpreter/version.hpp"

#include <fmt/format.h>
#include <iostream>

namespace kader::serve {

namespace {

Json date_or_null(const std::optional<ast::Days>& d) {
    return d ? Json(ast::format_date(*d)) : Json(nullptr);
}

Json rule_json(const Program& p, const RuleInfo& r) {
    return {{"id", r.id},
            {"module", r.module},
            {"goal", ast::to_string(r.goal)},
            {"verdict", r.verdict ? Json(ast::to_string(*r.verdict)) : Json(nullptr)},
            {"basis", r.basis},
            {"effective_from", date_or_null(r.from)},
            {"effective_until", date_or_null(r.until)},
            {"exception_to", r.exception_to >= 0
                                 ? Json(p.rules[static_cast<std::size_t>(r.exception_to)].id)
                                 : Json(nullptr)},
            {"location", to_string(r.location)}};
}

// A GET route takes no parameters: a misspelt one is refused, not ignored.
bool no_parameters(const httplib::Request& req, httplib::Response& res) {
    Diagnostics diags;
    if (parse_query(req, {}, diags)) return true;
    send_refused(res, 400, diags);
    return false;
}

// The outcome of a reload, in a line on standard error for the operator.
void report_reload(const RuleHolder::Reload& r, RenderStyle style) {
    if (r.swapped) {
        std::cerr << fmt::format("kader serve: reloaded the rules: {} (was {})\n",
                                 r.current->fingerprint, r.previous->fingerprint);
        return;
    }
    std::cerr << render(r.diags, style);
    std::cerr << fmt::format("kader serve: the rules were not reloaded; still serving {}\n",
                             r.current->fingerprint);
}

} // namespace

void health_route(Service& s, const httplib::Request& req, httplib::Response& res) {
    if (!no_parameters(req, res)) return;
    send_json(res, 200,
              {{"status", "ok"},
               {"fingerprint", s.rules.current()->fingerprint},
               {"engine", engine_version()}});
}

void rules_route(Service& s, const httplib::Request& req, httplib::Response& res) {
    if (!no_parameters(req, res)) return;
    auto program = s.rules.current();
    Json rules = Json::array();
    for (const auto& r : program->rules)
        rules.push_back(rule_json(*program, r));
    send_json(res, 200,
              {{"fingerprint", program->fingerprint},
               {"engine", engine_version()},
               {"modules", program->module_names()},
               {"rules", std::move(rules)}});
}

void reload_route(Service& s, const httplib::Request& req, httplib::Response& res,
                  const httplib::ContentReader& reader) {
    discard_body(req, res, reader, s.max_body);
    if (!no_parameters(req, res)) return;
    auto r = s.rules.reload();
    report_reload(r, s.stderr_style);
    if (!r.swapped) {
        // The request was fine; the rule files on disk are not.
        send_json(res, 409,
                  {{"error", rendered(r.diags)},
                   {"diagnostics", diagnostics_json(r.diags)},
                   {"fingerprint", r.current->fingerprint}});
        return;
    }
    send_json(res, 200,
              {{"fingerprint", r.current->fingerprint},
               {"previous", r.previous->fingerprint},
               {"changed", r.current->fingerprint != r.previous->fingerprint},
               {"diagnostics", diagnostics_json(r.diags)}});
}

void openapi_route(Service&, const httplib::Request& req, httplib::Response& res) {
    if (!no_parameters(req, res)) return;
    res.set_content(openapi_document(), json_type);
}

void reload_on_signal(Service& s) {
    report_reload(s.rules.reload(), s.stderr_style);
}

} // namespace kader::serve
