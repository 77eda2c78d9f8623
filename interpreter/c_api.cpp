// The C API (include/kader/kader.h) over the C++ API. Nothing may escape
// as an exception: every entry point catches and reports.
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

namespace {

char* copy(const std::string& s) {
    char* out = static_cast<char*>(std::malloc(s.size() + 1));
    if (out) std::memcpy(out, s.c_str(), s.size() + 1);
    return out;
}

void set_error(char** error, const std::string& message) {
    if (error) *error = copy(message);
}

std::string joined(const std::vector<kader::Diagnostic>& diagnostics) {
    std::string out;
    for (const auto& d : diagnostics)
        out += kader::render(d);
    return out;
}

template <typename F> auto guarded(char** error, F f) -> decltype(f()) {
    if (error) *error = nullptr;
    try {
        return f();
    } catch (const std::exception& e) {
        set_error(error, std::string("error: internal error: ") + e.what());
    } catch (...) {
        set_error(error, "error: internal error");
    }
    return nullptr;
}

kader_rules* from_result(const kader::Result<kader::RuleSet>& r, char** error) {
    if (!r) {
        set_error(error, joined(r.diagnostics()));
        return nullptr;
    }
    return new kader_rules{*r, r->fingerprint()};
}

} // namespace

extern "C" {

const char* kader_version(void) {
    return "0.1.0";
}

kader_rules* kader_rules_standard(char** error) {
    return guarded(error, [&] { return from_result(kader::RuleSet::load({}, true), error); });
}

kader_rules* kader_rules_load(const char* const* paths, size_t count, int with_stdlib,
                              char** error) {
    return guarded(error, [&]() -> kader_rules* {
        if (!paths && count > 0) {
            set_error(error, "error: paths is NULL");
            return nullptr;
        }
        std::vector<std::string> list;
        for (size_t i = 0; i < count; ++i) {
            if (!paths[i]) {
                set_error(error, "error: a path is NULL");
                return nullptr;
            }
            list.emplace_back(paths[i]);
        }
        return from_result(kader::RuleSet::load(list, with_stdlib != 0), error);
    });
}

kader_rules* kader_rules_from_string(const char* name, const char* text, int with_stdlib,
                                     char** error) {
    return guarded(error, [&]() -> kader_rules* {
        if (!name || !text) {
            set_error(error, "error: name and text must not be NULL");
            return nullptr;
        }
        return from_result(kader::RuleSet::from_strings({{name, text}}, with_stdlib != 0), error);
    });
}

const char* kader_rules_fingerprint(const kader_rules* rules) {
    if (!rules) return nullptr;
    return rules->fingerprint.c_str();
}

void kader_rules_free(kader_rules* rules) {
    delete rules;
}

kader_decision* kader_evaluate(const kader_rules* rules, const char* case_json, const char* as_of,
                               int full, char** error) {
    return guarded(error, [&]() -> kader_decision* {
        if (!rules || !case_json) {
            set_error(error, "error: rules and case_json must not be NULL");
            return nullptr;
        }
        kader::EvalOptions options;
        options.full = full != 0;
        if (as_of) {
            // The same reading of a date as the command line and case files.
            options.as_of = kader::Date::parse(as_of);
            if (!options.as_of) {
                set_error(error, std::string("error: as_of must be a date YYYY-MM-DD that exists "
                                             "in the calendar, got \"") +
                                     as_of + "\"");
                return nullptr;
            }
        }
        auto r = rules->rules.evaluate(std::string_view(case_json), options);
        if (!r) {
            set_error(error, joined(r.diagnostics()));
            return nullptr;
        }
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
        return copy(decision->decision.to_json().dump());
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
