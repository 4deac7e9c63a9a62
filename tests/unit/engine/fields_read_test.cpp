// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <algorithm>

#include "engine/fields_read.hpp"
#include "engine/loader.hpp"
#include "test_catalogue.hpp"

using namespace dockcis;

TEST_CASE("fields_read: the inspect fields the selected checks read, and those collection needs") {
  const auto catalogue = engine::load_catalogue_from(test_catalogue::check_files(), test_catalogue::profile_files()).catalogue;
  const auto fields = engine::fields_read(catalogue, engine::Selection{});
  REQUIRE(fields.contains("container.inspect"));
  const auto& container = fields.at("container.inspect");
  const auto has = [&](const char* pointer) { return std::ranges::find(container, pointer) != container.end(); };
  CHECK(has("/HostConfig/Privileged"));
  CHECK(has("/State"));
  CHECK(has("/Id"));
  CHECK(has("/Image"));
  CHECK(has("/Config/Image"));
  CHECK_FALSE(has("/GraphDriver"));
  // Derived kinds' collectors read fields no check names.
  const auto& image = fields.at("image.inspect");
  CHECK(std::ranges::find(image, "/GraphDriver") != image.end());
  // Host-wide documents are never trimmed.
  CHECK_FALSE(fields.contains("engine.info"));

  engine::Selection none;
  none.only = {"9.9"};
  const auto unselected = engine::fields_read(catalogue, none);
  const auto& bare = unselected.at("container.inspect");
  CHECK(std::ranges::find(bare, "/HostConfig/Privileged") == bare.end());
}

TEST_CASE("fields_read: the container list's entries keep what dockcis reads of them, unless a check reads the list") {
  const auto catalogue = engine::load_catalogue_from(test_catalogue::check_files(), test_catalogue::profile_files()).catalogue;
  const auto fields = engine::fields_read(catalogue, engine::Selection{});
  REQUIRE(fields.contains("engine.containers"));
  const auto& entry = fields.at("engine.containers");
  for (const auto* read : {"/Id", "/Names", "/Image", "/ImageID", "/State", "/Status", "/Labels", "/Ports", "/HostConfig"}) {
    CAPTURE(read);
    CHECK(std::ranges::find(entry, read) != entry.end());
  }
  CHECK(std::ranges::find(entry, "/NetworkSettings") == entry.end());
  CHECK(std::ranges::find(entry, "") == entry.end());  // the review given the whole list sees trimmed entries

  model::Check whole_list;
  whole_list.evidence = {{"engine.containers", "", "the list"}};
  const auto trimmed = engine::fields_read({&whole_list}).at("engine.containers");
  CHECK(std::ranges::find(trimmed, "") == trimmed.end());
  model::Check inside;
  inside.evidence = {{"engine.containers", "/0/Mounts", "the first container's mounts"}};
  const auto kept = engine::fields_read({&inside}).at("engine.containers");
  CHECK(std::ranges::find(kept, "") != kept.end());  // "" keeps each entry whole
  // A test over the whole list may read any field of its entries: none is cut away under it.
  model::Check tested;
  model::Test test;
  test.kind = model::Test::Kind::predicate;
  test.predicate.fact = "engine.containers";
  tested.test = test;
  const auto whole = engine::fields_read({&tested}).at("engine.containers");
  CHECK(std::ranges::find(whole, "") != whole.end());
}
