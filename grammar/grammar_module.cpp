// The grammar module; see README.md in this folder.
