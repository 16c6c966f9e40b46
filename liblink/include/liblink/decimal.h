// File: liblink/decimal.h
//
// Strict parsing of the decimal numbers in the pair streams (match_weight,
// match_probability): locale-free std::from_chars, the whole field must be the number.
//
//   std::optional<double> w = vnlink::ParseDecimal("-3.25");   // -3.25
//   vnlink::ParseDecimal("3,25");                                // nullopt
//
// "inf" and "-inf" are accepted (a weight can be infinite when a u probability is 0);
// "nan", empty fields, leading '+' or spaces and trailing text are not.

#ifndef LIBLINK_DECIMAL_H_
#define LIBLINK_DECIMAL_H_

#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>

namespace vnlink {

// The value of a decimal number that fills `text`, or nullopt.
[[nodiscard]] inline std::optional<double> ParseDecimal(std::string_view text) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty() || std::isnan(value)) return std::nullopt;
  return value;
}

}  // namespace vnlink

#endif  // LIBLINK_DECIMAL_H_
