// The server module; see README.md in this folder.
