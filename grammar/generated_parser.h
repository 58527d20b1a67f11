#pragma once
// The one place that includes the ANTLR runtime and the parser generated from Eddy.g4 (both
// from the build tree / system, compiled warning-free only under these pragmas). Internal to
// grammar/: no header outside this folder includes it.

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wall"
#pragma GCC diagnostic ignored "-Wextra"
#pragma GCC diagnostic ignored "-Wpedantic"
#pragma GCC diagnostic ignored "-Wattributes"
#pragma GCC diagnostic ignored "-Wdeprecated"
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#pragma GCC diagnostic ignored "-Woverloaded-virtual"
#include "antlr4-runtime.h"
#include "EddyLexer.h"
#include "EddyParser.h"
#pragma GCC diagnostic pop
