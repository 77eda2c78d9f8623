// The C API (include/kader/kader.h) over the C++ API. Nothing may escape
// as an exception: every entry point catches and reports.
#include "interpreter/version.hpp"
#include <cstdlib>
#include <cstring>
#include <kader/kader.h>
#include <kader/kader.hpp>
#include <new>
#include <string>

struct kader_rules {
    kader::RuleSet rules;
    std::string fingerprint; // kept here: kader.h promises it lives as long as the handle
};

struct kader_decision {
    kader::Decision decision;
};

// The diagnostics with their texts made once, so that the `const char*`
// results live as long as the handle.
struct kader_diagnostics {
    std::vector<kader::Diagnostic> list;
    std::vector<std::string> codes, texts;
    std::string all;
};

namespace {

char* copy(const std::string& s) {
    char* out = static_cast<char*>(std::malloc(s.size() + 1));
    if (out) std::memcpy(out, s.c_str(), s.size() + 1);
    return out;
}

// Hands `list` to the caller, when it asked for it and there is something.
void report(kader_diagnostics** out, const std::vector<kader::Diagnostic>& list) {
    if (!out || list.empty()) return;
    auto* d = new kader_diagnostics{list, {}, {}, {}};
    for (const auto& x : list) {
        d->codes.push_back(kader::code_name(x.code));
        d->texts.push_back(kader::render(x));
        d->all += d->texts.back();
    }
    *out = d;
}

void report(kader_diagnostics** out, kader::Code code, std::string message) {
    kader::Diagnostic d;
    d.code = code;
    d.message = std::move(message);
    report(out, std::vector<kader::Diagnostic>{d});
}

// Why a call that makes a handle made none, from what it found: a defect
// or a lack of memory, a bad argument, or input that Kader refused.
kader_status status_of(const std::vector<kader::Diagnostic>& found) {
    for (const auto& d : found)
        if (d.code == kader::Code::internal) return KADER_INTERNAL_ERROR;
    for (const auto& d : found)
        if (d.code == kader::Code::bad_argument) return KADER_INVALID_ARGUMENT;
    return KADER_REFUSED;
}

kader::Diagnostic problem(kader::Code code, std::string message) {
    kader::Diagnostic d;
    d.code = code;
    d.message = std::move(message);
    return d;
}

// Runs `make`, which returns a new handle, or null with the reasons in
// `found`; hands the handle and the diagnostics to the caller and says how
// it went. Nothing escapes as an exception.
template <typename Handle, typename F>
kader_status produce(Handle** out, kader_diagnostics** diagnostics, F make) {
    if (diagnostics) *diagnostics = nullptr;
    std::vector<kader::Diagnostic> found;
    if (!out) {
        report(diagnostics, kader::Code::bad_argument, "the pointer for the result is NULL");
        return KADER_INVALID_ARGUMENT;
    }
    *out = nullptr;
    try {
        *out = make(found);
    } catch (const std::bad_alloc&) {
        found.push_back(problem(kader::Code::internal, "out of memory"));
    } catch (const std::exception& e) {
        found.push_back(problem(kader::Code::internal, std::string("internal error: ") + e.what()));
    } catch (...) {
        found.push_back(problem(kader::Code::internal, "internal error"));
    }
    try {
        report(diagnostics, found);
    } catch (...) { // out of memory while copying the diagnostics: the status still says it
    }
    return *out ? KADER_OK : status_of(found);
}

kader_rules* from_result(const kader::Result<kader::RuleSet>& r,
                         std::vector<kader::Diagnostic>& found) {
    found = r.diagnostics();
    if (!r) return nullptr;
    return new kader_rules{*r, r->fingerprint()};
}

const kader::Diagnostic* nth(const kader_diagnostics* d, size_t index) {
    return d && index < d->list.size() ? &d->list[index] : nullptr;
}

} // namespace

extern "C" {

const char* kader_version(void) {
    return kader::engine_version();
}

size_t kader_diagnostics_count(const kader_diagnostics* diagnostics) {
    return diagnostics ? diagnostics->list.size() : 0;
}

const char* kader_diagnostics_text(const kader_diagnostics* diagnostics) {
    return diagnostics ? diagnostics->all.c_str() : "";
}

const char* kader_diagnostic_code(const kader_diagnostics* diagnostics, size_t index) {
    return nth(diagnostics, index) ? diagnostics->codes[index].c_str() : nullptr;
}

int kader_diagnostic_is_error(const kader_diagnostics* diagnostics, size_t index) {
    auto d = nth(diagnostics, index);
    return d ? (d->severity == kader::Severity::error ? 1 : 0) : -1;
}

const char* kader_diagnostic_message(const kader_diagnostics* diagnostics, size_t index) {
    auto d = nth(diagnostics, index);
    return d ? d->message.c_str() : nullptr;
}

const char* kader_diagnostic_help(const kader_diagnostics* diagnostics, size_t index) {
    auto d = nth(diagnostics, index);
    return d ? d->help.c_str() : nullptr;
}

const char* kader_diagnostic_input(const kader_diagnostics* diagnostics, size_t index) {
    auto d = nth(diagnostics, index);
    return d ? d->location.input.c_str() : nullptr;
}

int kader_diagnostic_line(const kader_diagnostics* diagnostics, size_t index) {
    auto d = nth(diagnostics, index);
    return d ? static_cast<int>(d->location.line) : -1;
}

int kader_diagnostic_column(const kader_diagnostics* diagnostics, size_t index) {
    auto d = nth(diagnostics, index);
    return d ? static_cast<int>(d->location.column) : -1;
}

const char* kader_diagnostic_text(const kader_diagnostics* diagnostics, size_t index) {
    return nth(diagnostics, index) ? diagnostics->texts[index].c_str() : nullptr;
}

void kader_diagnostics_free(kader_diagnostics* diagnostics) {
    delete diagnostics;
}

const char* kader_status_name(kader_status status) {
    switch (status) {
    case KADER_OK:
        return "ok";
    case KADER_INVALID_ARGUMENT:
        return "invalid argument";
    case KADER_REFUSED:
        return "refused";
    case KADER_INTERNAL_ERROR:
        return "internal error";
    }
    return "unknown status";
}

kader_status kader_rules_standard(kader_rules** rules, kader_diagnostics** diagnostics) {
    return produce(rules, diagnostics, [&](std::vector<kader::Diagnostic>& found) {
        return from_result(kader::RuleSet::load({}, true), found);
    });
}

kader_status kader_rules_load(const char* const* paths, size_t count, int with_stdlib,
                              kader_rules** rules, kader_diagnostics** diagnostics) {
    return produce(rules, diagnostics, [&](std::vector<kader::Diagnostic>& found) -> kader_rules* {
        if (!paths && count > 0) {
            found.push_back(problem(kader::Code::bad_argument, "paths is NULL"));
            return nullptr;
        }
        std::vector<std::string> list;
        for (size_t i = 0; i < count; ++i) {
            if (!paths[i]) {
                found.push_back(problem(kader::Code::bad_argument, "a path is NULL"));
                return nullptr;
            }
            list.emplace_back(paths[i]);
        }
        return from_result(kader::RuleSet::load(list, with_stdlib != 0), found);
    });
}

kader_status kader_rules_from_string(const char* name, const char* text, int with_stdlib,
                                     kader_rules** rules, kader_diagnostics** diagnostics) {
    return produce(rules, diagnostics, [&](std::vector<kader::Diagnostic>& found) -> kader_rules* {
        if (!name || !text) {
            found.push_back(problem(kader::Code::bad_argument, "name and text must not be NULL"));
            return nullptr;
        }
        return from_result(kader::RuleSet::from_strings({{name, text}}, with_stdlib != 0), found);
    });
}

const char* kader_rules_fingerprint(const kader_rules* rules) {
    if (!rules) return nullptr;
    return rules->fingerprint.c_str();
}

void kader_rules_free(kader_rules* rules) {
    delete rules;
}

kader_status kader_evaluate(const kader_rules* rules, const char* case_json, const char* as_of,
                            int full, kader_decision** decision, kader_diagnostics** diagnostics) {
    return kader_evaluate_explained(rules, case_json, as_of, full ? "full" : "brief", decision,
                                    diagnostics);
}

kader_status kader_evaluate_explained(const kader_rules* rules, const char* case_json,
                                      const char* as_of, const char* explain,
                                      kader_decision** decision, kader_diagnostics** diagnostics) {
    return produce(
        decision, diagnostics, [&](std::vector<kader::Diagnostic>& found) -> kader_decision* {
            if (!rules || !case_json) {
                found.push_back(
                    problem(kader::Code::bad_argument, "rules and case_json must not be NULL"));
                return nullptr;
            }
            kader::EvalOptions options;
            if (explain && !kader::set_explain(options, explain)) {
                found.push_back(problem(kader::Code::bad_argument,
                                        std::string("explain must be \"rules\", \"brief\" or "
                                                    "\"full\", got \"") +
                                            explain + "\""));
                return nullptr;
            }
            if (as_of) {
                // The same reading of a date as the command line and case files.
                options.as_of = kader::Date::parse(as_of);
                if (!options.as_of) {
                    found.push_back(
                        problem(kader::Code::bad_argument,
                                std::string("as_of must be a date YYYY-MM-DD that exists in "
                                            "the calendar, got \"") +
                                    as_of + "\""));
                    return nullptr;
                }
            }
            auto r = rules->rules.evaluate(std::string_view(case_json), options);
            found = r.diagnostics();
            if (!r) return nullptr;
            return new kader_decision{*r};
        });
}

const char* kader_decision_verdict(const kader_decision* decision) {
    return decision ? kader::to_string(decision->decision.verdict()) : nullptr;
}

int kader_decision_incomplete(const kader_decision* decision) {
    return decision ? (decision->decision.incomplete() ? 1 : 0) : -1;
}

char* kader_decision_json(const kader_decision* decision) {
    if (!decision) return nullptr;
    try {
        return copy(decision->decision.to_json());
    } catch (...) {
        return nullptr;
    }
}

char* kader_decision_text(const kader_decision* decision) {
    if (!decision) return nullptr;
    try {
        return copy(decision->decision.to_text());
    } catch (...) {
        return nullptr;
    }
}

void kader_decision_free(kader_decision* decision) {
    delete decision;
}

void kader_string_free(char* s) {
    std::free(s);
}

} // extern "C"
