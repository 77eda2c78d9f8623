#pragma once
// The decision memo (`kader memo`, docs/memo.md): a decision written up for
// a lawyer's case file, citation first, in Markdown or as one self-contained
// HTML page. It is made from the decision JSON alone (render_json.cpp,
// docs/decisions.md), so that a decision kept as JSON gives the same memo,
// byte for byte, as deciding the case again.
//
// The JSON is read once into a typed Memo, checking every field the memo
// uses; the two writers then only format a Memo.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kader {

// A fact of the case that a rule read: `destination` and `"RU"`.
struct MemoFact {
    std::string path;
    std::string value;    // as the decision text shows it: "RU", 2022-06-01, 16
    bool missing = false; // the case lacks it (the rule read that it is unknown)
};

struct MemoSetReview {
    std::string set, data_file, reliability;
};

// An applied rule: the provision it rests on and what made it apply.
struct MemoProvision {
    std::string rule, goal, basis, message, location;
    std::optional<std::string> verdict; // nothing: the rule only imposes obligations
    std::optional<std::string> review;
    std::vector<MemoSetReview> set_reviews;
    std::vector<MemoFact> facts; // in the order the reason read them, each once
    bool deciding = false;       // not overridden, and concludes the decision's verdict
    std::vector<std::string> overridden_by;
};

struct MemoOverride {
    std::string rule;
    std::vector<std::string> by; // every exception that replaced it
    bool conflict = false;
};

struct MemoObligation {
    std::string name, rule, basis, message;
};

struct MemoQuestion {
    std::string path, question;
    std::optional<std::string> could_raise_to, could_lower_to;
    std::vector<std::string> rules;
};

struct Memo {
    std::string case_id, verdict, as_of, fingerprint;
    bool incomplete = false;
    std::vector<std::string> modules;
    std::vector<std::pair<std::string, std::string>> goals; // goal, verdict
    std::vector<MemoProvision> provisions; // deciding first, then the rest by severity
    std::vector<MemoOverride> overrides;
    std::vector<MemoObligation> obligations;
    std::vector<MemoQuestion> questions; // the missing facts, most decisive first
    std::vector<MemoFact> facts;         // every fact read, by path, each once

    // The provision of `rule`, when it applied.
    const MemoProvision* provision(const std::string& rule) const;
};

// Reads a decision JSON. Nothing, with `error` set to what is wrong (`"verdict"
// is missing`, `"applied[0].basis" is not a string`), when it is not one.
// Never throws.
std::optional<Memo> memo_from_json(const nlohmann::ordered_json& decision, std::string& error);

std::string write_memo_markdown(const Memo& memo);
std::string write_memo_html(const Memo& memo);

// The provision a basis names first: the text up to its first `;` outside
// parentheses (a basis lists the provision, then amendments and sources).
std::string provision_of(const std::string& basis);

} // namespace kader
