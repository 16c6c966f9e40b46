// The table-driven fast paths agree with the ICU functions of vi_text.h.
#include "../src/internal/vi_fast.h"

#include <gtest/gtest.h>

#include "normalizers/vi_text.h"

namespace vnlink::vi {
namespace {

TEST(ViFast, AgreesWithIcu) {
  for (const char* s : {"NGUYỄN THỊ HOÀ", "Đặng Ðức Lưỡng", "trần văn an", "ỨNG Ỷ ỴÊN",
                        "plain ascii", "Hélène Ñandú", "Ǆ x", "tab\there", "", "Ơ ư Ă â"}) {
    EXPECT_EQ(internal::FastLower(s), Lower(s)) << s;
    EXPECT_EQ(internal::FastProperCase(s), ProperCase(s)) << s;
    EXPECT_EQ(internal::FastStripTones(s), StripTones(s)) << s;
    EXPECT_EQ(internal::FastFoldAscii(s), FoldAscii(s)) << s;
  }
}

}  // namespace
}  // namespace vnlink::vi
