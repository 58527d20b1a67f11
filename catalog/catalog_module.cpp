// The catalog module; see README.md in this folder.
