// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <initializer_list>
#include <string>

// Each byte given, alone among plain ones in texts of 1 to 19 bytes, at every
// place: where a writer's eight-byte steps meet it in their first word, their
// last, or only in the bytes after the last whole word.
template <typename Check>
void for_each_byte_place(std::initializer_list<char> bytes, Check check) {
  for (const char byte : bytes) {
    for (std::size_t length = 1; length <= 19; ++length) {
      for (std::size_t at = 0; at < length; ++at) {
        std::string text(length, 'a');
        text[at] = byte;
        check(text);
      }
    }
  }
}
