// The engine module; see README.md in this folder.
