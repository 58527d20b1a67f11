#pragma once
// PostgreSQL's binary NUMERIC (numeric_send / numeric_recv), converted from and to decimal text.
//
//   int16 ndigits | int16 weight | uint16 sign | uint16 dscale | int16 digit[ndigits]
// Digits are base 10000, most significant first; the value is
//   sum(digit[k] * 10000^(weight - k)), negated when sign is 0x4000.
// sign: 0x0000 positive, 0x4000 negative, 0xC000 NaN, 0xD000 +Infinity, 0xF000 -Infinity.
// dscale: digits shown after the decimal point. Leading and trailing zero digits are stripped.
// Example: 12.34 -> ndigits 2, weight 0, sign 0, dscale 2, digits {12, 3400}.

#include <string>
#include <string_view>

namespace eddy::protocol {

// Appends the binary form of `text`: an optionally signed decimal with optional fraction and
// exponent ("-12.340", "1e-5", "1.5E+20"), or "NaN", "Infinity", "-Infinity" (any case).
// Throws SqlError 22P02 for anything else, 22003 when the weight would not fit in an int16.
void append_numeric_binary(std::string& out, std::string_view text);

// Decodes the binary form to decimal text with exactly dscale fraction digits ("-12.3400"), or
// "NaN" / "Infinity" / "-Infinity". Digits beyond dscale are truncated, as PostgreSQL does.
// Throws SqlError 22P03 on a bad sign, scale, digit, or length.
std::string numeric_binary_to_text(std::string_view bytes);

}  // namespace eddy::protocol
