#include "lang/text_kinds.hpp"
#include "lang/code_shapes.hpp"
#include "lang/countries.hpp"

#include <algorithm>

namespace kader {

using ast::TypeKind;

const char* kind_keyword(TypeKind kind) {
    switch (kind) {
    case TypeKind::cn:
        return "cn";
    case TypeKind::code:
        return "code";
    case TypeKind::eccn:
        return "eccn";
    case TypeKind::country:
        return "country";
    case TypeKind::number:
        return "number";
    case TypeKind::boolean:
        return "boolean";
    case TypeKind::date:
        return "date";
    case TypeKind::enum_:
        return "enum";
    case TypeKind::list:
        return "list";
    case TypeKind::record:
        return "record";
    case TypeKind::string:
        break;
    }
    return "string";
}

std::optional<TypeKind> kind_named(std::string_view keyword) {
    for (TypeKind kind : {TypeKind::string, TypeKind::number, TypeKind::boolean, TypeKind::date,
                          TypeKind::country, TypeKind::code, TypeKind::eccn, TypeKind::cn})
        if (keyword == kind_keyword(kind)) return kind;
    return std::nullopt;
}

const char* kind_singular(TypeKind kind) {
    switch (kind) {
    case TypeKind::cn:
        return "a CN code";
    case TypeKind::code:
        return "an EU control-list code";
    case TypeKind::eccn:
        return "a US ECCN";
    case TypeKind::country:
        return "an ISO 3166-1 alpha-2 country code";
    case TypeKind::enum_:
        return "an enum value";
    default:
        return "a text";
    }
}

const char* kind_plural(TypeKind kind) {
    switch (kind) {
    case TypeKind::cn:
        return "CN codes";
    case TypeKind::code:
        return "EU control-list codes";
    case TypeKind::eccn:
        return "US ECCNs";
    case TypeKind::country:
        return "country codes";
    case TypeKind::enum_:
        return "enum values";
    default:
        return "texts";
    }
}

const char* kind_expected(TypeKind kind) {
    switch (kind) {
    case TypeKind::cn:
        return "a CN code of 4 to 8 digits such as \"85423190\"";
    case TypeKind::code:
        return "an EU control-list code such as \"3A001.a.2\"";
    case TypeKind::eccn:
        return "a US ECCN such as \"5A992.c\", or \"EAR99\"";
    case TypeKind::country:
        return "an ISO 3166-1 alpha-2 country code such as \"NL\"";
    case TypeKind::number:
        return "a number";
    case TypeKind::boolean:
        return "true or false";
    case TypeKind::date:
        return "a date such as 2024-06-03";
    case TypeKind::enum_:
        return "one of the listed values";
    case TypeKind::list:
        return "a list";
    case TypeKind::record:
        return "a record";
    case TypeKind::string:
        break;
    }
    return "a text";
}

bool kind_is_coded(TypeKind kind) {
    return kind == TypeKind::cn || kind == TypeKind::code || kind == TypeKind::eccn;
}

bool text_fits(TypeKind kind, std::string_view text) {
    switch (kind) {
    case TypeKind::cn:
        return valid_cn_code(text);
    case TypeKind::code:
        return valid_control_code(text);
    case TypeKind::eccn:
        return valid_us_eccn(text);
    case TypeKind::country:
        return is_country_code(text);
    default:
        return true;
    }
}

std::string text_hint(TypeKind kind, std::string_view text) {
    switch (kind) {
    case TypeKind::cn:
        return cn_code_hint(text);
    case TypeKind::code:
        return control_code_hint(text);
    case TypeKind::eccn:
        return us_eccn_hint(text);
    case TypeKind::country:
        return country_code_hint(text);
    default:
        return {};
    }
}

} // namespace kader
