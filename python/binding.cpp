// The Python binding: kader.hpp's public API as the module `kader._kader`
// (kader/__init__.py adds the Pythonic surface: dicts in, iterables, errors).
// Errors cross as `kader.Error` carrying the structured diagnostics; no C++
// exception reaches Python. Deciding releases the GIL, so threads decide in
// parallel.
#include <kader/kader.hpp>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <thread>

namespace py = pybind11;

namespace {

PyObject* error_type = nullptr; // kader.Error, created when the module loads

py::dict diagnostic_dict(const kader::Diagnostic& d) {
    py::dict out;
    out["code"] = kader::code_name(d.code);
    out["severity"] = d.severity == kader::Severity::error ? "error" : "warning";
    out["message"] = d.message;
    out["help"] = d.help;
    out["input"] = d.location.input;
    out["line"] = d.location.line;
    out["column"] = d.location.column;
    out["text"] = kader::render(d);
    return out;
}

py::list diagnostic_list(const std::vector<kader::Diagnostic>& ds) {
    py::list out;
    for (const auto& d : ds)
        out.append(diagnostic_dict(d));
    return out;
}

// Raises kader.Error with the diagnostics: its message is their text.
[[noreturn]] void raise(const std::vector<kader::Diagnostic>& ds) {
    std::string text;
    for (const auto& d : ds)
        if (d.severity == kader::Severity::error) text += kader::render(d);
    while (!text.empty() && text.back() == '\n')
        text.pop_back();
    py::object error = py::reinterpret_borrow<py::object>(error_type)(text);
    error.attr("diagnostics") = diagnostic_list(ds);
    PyErr_SetObject(error_type, error.ptr());
    throw py::error_already_set();
}

template <typename T> T value_or_raise(const kader::Result<T>& r) {
    if (!r) raise(r.diagnostics());
    return *r;
}

kader::EvalOptions eval_options(const std::optional<std::string>& as_of,
                                const std::string& explain) {
    kader::EvalOptions o;
    if (as_of) {
        auto day = kader::Date::parse(*as_of);
        if (!day) {
            kader::Diagnostic d;
            d.code = kader::Code::bad_argument;
            d.message = "as_of: `" + *as_of + "` is not a date written YYYY-MM-DD";
            raise({d});
        }
        o.as_of = day;
    }
    if (!kader::set_explain(o, explain)) {
        kader::Diagnostic d;
        d.code = kader::Code::bad_argument;
        d.message = "explain: `" + explain + "`: choose rules, brief or full";
        raise({d});
    }
    return o;
}

std::string date_text(const kader::Date& d) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", d.year, d.month, d.day);
    return text;
}

py::object verdict_or_none(const std::optional<kader::Verdict>& v) {
    return v ? py::object(py::str(kader::to_string(*v))) : py::none();
}

py::dict goals_of(const kader::Decision& d) {
    py::dict out;
    for (auto g : kader::all_goals)
        out[kader::to_string(g)] = kader::to_string(d.verdict(g));
    return out;
}

py::list applied_of(const kader::Decision& d) {
    py::list out;
    for (const auto& a : d.applied()) {
        py::dict rule;
        rule["rule"] = a.id;
        rule["goal"] = a.goal;
        rule["verdict"] = verdict_or_none(a.verdict);
        rule["basis"] = a.basis;
        rule["message"] = a.message;
        rule["overridden"] = a.overridden;
        out.append(rule);
    }
    return out;
}

py::list missing_of(const kader::Decision& d) {
    py::list out;
    for (const auto& m : d.missing()) {
        py::dict fact;
        fact["path"] = m.path;
        fact["question"] = m.question;
        fact["could_raise_to"] = verdict_or_none(m.could_raise_to);
        fact["could_lower_to"] = verdict_or_none(m.could_lower_to);
        out.append(fact);
    }
    return out;
}

std::string html_escaped(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

// Decides every case on `jobs` threads without the GIL; each slot holds a
// decision or the diagnostics that explain why there is none.
std::vector<kader::Result<kader::Decision>> decide_all(const kader::RuleSet& rules,
                                                       const std::vector<std::string>& cases,
                                                       const kader::EvalOptions& options,
                                                       unsigned jobs) {
    std::vector<kader::Result<kader::Decision>> out(cases.size(), std::vector<kader::Diagnostic>{});
    py::gil_scoped_release released;
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < cases.size(); i = next++)
            out[i] = rules.evaluate(cases[i], options);
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < jobs; ++t)
        pool.emplace_back(work);
    work();
    for (auto& t : pool)
        t.join();
    return out;
}

} // namespace

PYBIND11_MODULE(_kader, m) {
    m.doc() = "Kader: export-control rules that explain their verdicts (the compiled core)";
    error_type = PyErr_NewExceptionWithDoc(
        "kader.Error",
        "A rule set or case Kader refused; `diagnostics` lists each problem as a dict "
        "(code, severity, message, help, input, line, column, text).",
        PyExc_Exception, nullptr);
    m.attr("Error") = py::reinterpret_borrow<py::object>(error_type);
    m.def("version", &kader::version, "The version of Kader, e.g. \"0.1.0\".");

    py::class_<kader::Decision>(m, "Decision")
        .def_property_readonly(
            "verdict", [](const kader::Decision& d) { return kader::to_string(d.verdict()); })
        .def_property_readonly("incomplete", &kader::Decision::incomplete)
        .def_property_readonly("case_id", &kader::Decision::case_id)
        .def_property_readonly("as_of",
                               [](const kader::Decision& d) { return date_text(d.as_of()); })
        .def_property_readonly("goals", &goals_of)
        .def_property_readonly("applied", &applied_of)
        .def_property_readonly("applied_rules", &kader::Decision::applied_rules)
        .def_property_readonly("missing", &missing_of)
        .def("to_json", &kader::Decision::to_json,
             "The decision JSON (docs/decisions.md), one line.")
        .def("to_text", &kader::Decision::to_text, "The decision as an officer reads it.")
        .def("__repr__",
             [](const kader::Decision& d) {
                 return "<kader.Decision " + d.case_id() + ": " + kader::to_string(d.verdict()) +
                        (d.incomplete() ? " (incomplete)" : "") + ">";
             })
        .def("_repr_html_", [](const kader::Decision& d) {
            return "<div class=\"kader-decision\"><pre style=\"white-space: pre-wrap\">" +
                   html_escaped(d.to_text()) + "</pre></div>";
        });

    py::class_<kader::RuleSet>(m, "RuleSet")
        .def_static("standard", &kader::RuleSet::standard, "The built-in standard rule library.")
        .def_static(
            "load",
            [](const std::vector<std::string>& paths, bool stdlib) {
                return value_or_raise(kader::RuleSet::load(paths, stdlib));
            },
            py::arg("paths"), py::arg("stdlib") = true)
        .def_static(
            "from_strings",
            [](const std::vector<std::pair<std::string, std::string>>& sources, bool stdlib) {
                return value_or_raise(kader::RuleSet::from_strings(sources, stdlib));
            },
            py::arg("sources"), py::arg("stdlib") = true)
        .def_property_readonly("fingerprint", &kader::RuleSet::fingerprint)
        .def_property_readonly("modules", &kader::RuleSet::modules)
        .def(
            "evaluate_text",
            [](const kader::RuleSet& rules, const std::string& case_json,
               const std::optional<std::string>& as_of, const std::string& explain) {
                auto options = eval_options(as_of, explain);
                kader::Result<kader::Decision> r = std::vector<kader::Diagnostic>{};
                {
                    py::gil_scoped_release released;
                    r = rules.evaluate(case_json, options);
                }
                return value_or_raise(r);
            },
            py::arg("case_json"), py::arg("as_of") = py::none(), py::arg("explain") = "brief")
        .def(
            "batch_text",
            [](const kader::RuleSet& rules, const std::vector<std::string>& cases, unsigned jobs,
               const std::optional<std::string>& as_of, const std::string& explain) {
                if (jobs < 1 || jobs > 256) {
                    kader::Diagnostic d;
                    d.code = kader::Code::bad_argument;
                    d.message = "jobs: give a number of threads from 1 to 256";
                    raise({d});
                }
                auto results = decide_all(rules, cases, eval_options(as_of, explain), jobs);
                py::list out;
                for (const auto& r : results)
                    out.append(r ? py::cast(*r) : py::object(diagnostic_list(r.diagnostics())));
                return out;
            },
            py::arg("cases"), py::arg("jobs") = 1, py::arg("as_of") = py::none(),
            py::arg("explain") = "brief");
}
