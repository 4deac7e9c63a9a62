// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace dockcis::cli {

/// Exit codes, as the design fixes them.
enum ExitCode : int { kCompliant = 0, kFindings = 1, kUsageError = 2, kCannotRun = 3 };

/// One requested output: a format and a file ("" = standard output).
struct OutputRequest {
  std::string format;
  std::string file;
};

/// Everything the command line says, before any file is read.
struct Options {
  std::string command;  ///< audit | facts | validate | list | explain
  std::string socket;
  std::string root = "/";
  std::string facts_file;
  std::string checks_dir;
  std::string profiles_dir;
  std::string profile;
  int level = 0;  ///< 0: not given (Level 2, i.e. everything, unless a tailoring file says otherwise)
  std::vector<std::string> only;
  std::vector<std::string> skip;
  std::vector<std::string> params;  ///< name=value
  std::string tailoring_file;
  std::string waivers_file;
  bool allow_permanent_waivers = false;
  std::vector<OutputRequest> outputs;
  std::string output_dir;
  int keep = 0;  ///< --keep: report sets kept in output_dir; 0 keeps all
  std::string fail_on = "fail,error";
  std::optional<double> min_score;
  bool no_color = false;
  bool verbose = false;
  bool running_only = false;
  bool junit_per_instance = false;
  long timeout_ms = 15000;
  std::string explain_id;
  std::string diff_old;
  std::string diff_new;
  std::string diff_format = "text";
};

}  // namespace dockcis::cli
