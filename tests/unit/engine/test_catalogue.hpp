// SPDX-License-Identifier: Apache-2.0
// A small catalogue shared by the engine tests.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace test_catalogue {

inline const char* kChecks = R"({
  "schema": "dockcis.checks/v1",
  "checks": [
    {"key": "container.privileged", "title": "No privileged containers", "severity": "high",
     "for_each": "containers", "description": "d", "remediation": "r",
     "test": {"fact": "container.inspect", "select": "/HostConfig/Privileged", "op": "eq", "value": false}},
    {"key": "daemon.live_restore", "title": "Live restore", "description": "d", "remediation": "r",
     "test": {"first_of": [
        {"fact": "engine.info", "select": "/LiveRestoreEnabled", "op": "eq", "value": true, "if_missing": "notapplicable"},
        {"fact": "daemon.config", "select": "/options/live-restore/value", "op": "eq", "value": true}]}},
    {"key": "files.docker_service.mode", "title": "docker.service mode", "description": "d", "remediation": "r",
     "test": {"fact": "host.file:${unit:docker.service}", "op": "mode_at_most", "value": "644"}},
    {"key": "host.docker_group", "title": "Docker group members", "description": "d", "remediation": "r",
     "test": {"fact": "host.group:docker", "select": "/members", "op": "subset_of", "type": "texts", "param": "trusted_users"}},
    {"key": "images.review", "title": "Review images", "mode": "manual", "description": "d", "remediation": "r",
     "evidence": [{"fact": "engine.images", "label": "Images"}]},
    {"key": "swarm.secrets", "title": "Secrets", "mode": "manual", "description": "d", "remediation": "r",
     "applies_if": {"fact": "engine.info", "select": "/Swarm/LocalNodeState", "op": "eq", "value": "active"},
     "evidence": [{"fact": "engine.info", "select": "/Swarm", "label": "Swarm"}]},
    {"key": "swarm.autolock", "title": "Autolock", "description": "d", "remediation": "r",
     "applies_if": {"fact": "engine.info", "select": "/Swarm/LocalNodeState", "op": "eq", "value": "active"},
     "test": {"fact": "engine.info", "select": "/Swarm/Cluster/Spec/EncryptionConfig/AutoLockManagers", "op": "eq", "value": true}}
  ]})";

inline const char* kProfile = R"({
  "schema": "dockcis.profile/v1", "id": "cis-test-1.0.0", "title": "Test benchmark", "benchmark_version": "1.0.0",
  "docker_min": "0",
  "parameters": {"trusted_users": {"default": [], "description": "allowed docker group members"}},
  "sections": [{"id": "1", "title": "Host"}, {"id": "2", "title": "Daemon"}, {"id": "3", "title": "Files"},
               {"id": "4", "title": "Images"}, {"id": "5", "title": "Runtime"}, {"id": "7", "title": "Swarm"}],
  "recommendations": [
    {"id": "1.1.2", "key": "host.docker_group", "title": "Only trusted users", "level": 1, "assessment": "manual"},
    {"id": "2.15", "key": "daemon.live_restore", "title": "Live restore", "level": 1, "assessment": "manual"},
    {"id": "3.2", "key": "files.docker_service.mode", "title": "docker.service mode", "level": 1, "assessment": "automated"},
    {"id": "4.2", "key": "images.review", "title": "Trusted images", "level": 1, "assessment": "manual"},
    {"id": "5.5", "key": "container.privileged", "title": "No privileged", "level": 1, "assessment": "manual"},
    {"id": "7.4", "key": "swarm.secrets", "title": "Secrets", "level": 1, "swarm": true, "assessment": "manual"},
    {"id": "7.5", "key": "swarm.autolock", "title": "Autolock", "level": 1, "swarm": true, "assessment": "manual"}
  ]})";

inline std::vector<std::pair<std::string, std::string>> check_files() { return {{"checks/test.json", kChecks}}; }
inline std::vector<std::pair<std::string, std::string>> profile_files() { return {{"profiles/test.json", kProfile}}; }

}  // namespace test_catalogue
