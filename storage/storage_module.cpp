// The storage module; see README.md in this folder.
