// File: normalizers/vi_text.h
//
// Unicode building blocks for Vietnamese text, on ICU. Inputs and outputs are UTF-8.
//
//   vnlink::vi::Nfc("Nguye\u0302\u0303n")   == "Nguyễn"
//   vnlink::vi::StripTones("Nguyễn Thị Hoà") == "Nguyên Thi Hoa"   (keeps â ă ê ô ơ ư đ)
//   vnlink::vi::FoldAscii("Đặng Ðức")        == "Dang Duc"
//   vnlink::vi::Lower("ĐẶNG") == "đặng";  vnlink::vi::ProperCase("nguyễn văn an") == "Nguyễn Văn
//   An"
//
// The look-alike Ð/ð (U+00D0/U+00F0, Icelandic eth) is mapped to Đ/đ by every function
// here except Nfc. All functions are pure and thread-safe; invalid UTF-8 input is the
// caller's error (the readers validate it).

#ifndef NORMALIZERS_VI_TEXT_H_
#define NORMALIZERS_VI_TEXT_H_

#include <string>
#include <string_view>

namespace vnlink::vi {

// Unicode Normalization Form C.
[[nodiscard]] std::string Nfc(std::string_view s);
// Unicode Normalization Form D.
[[nodiscard]] std::string Nfd(std::string_view s);
// True when `s` is already in NFC (fast check, no allocation when ASCII).
[[nodiscard]] bool IsNfc(std::string_view s);

// NFC with the five tone marks (grave, acute, tilde, hook above, dot below) removed;
// vowel-quality marks (â ă ê ô ơ ư) and đ are kept. Ð/ð become Đ/đ.
[[nodiscard]] std::string StripTones(std::string_view s);
// Every diacritic removed and đ/Đ/ð/Ð mapped to d/D: plain ASCII for Vietnamese text.
[[nodiscard]] std::string FoldAscii(std::string_view s);

// Full Unicode lower / upper case (Vietnamese letters included), NFC output.
[[nodiscard]] std::string Lower(std::string_view s);
[[nodiscard]] std::string Upper(std::string_view s);
// Lower case with the first letter of every whitespace-separated word in upper case.
[[nodiscard]] std::string ProperCase(std::string_view s);

// A comparison key: FoldAscii(Lower(s)) with runs of white space collapsed to one space and
// trimmed. Equal keys mean "the same letters ignoring case, accents and spacing".
[[nodiscard]] std::string SearchKey(std::string_view s);

}  // namespace vnlink::vi

#endif  // NORMALIZERS_VI_TEXT_H_
