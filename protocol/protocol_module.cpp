// The protocol module; see README.md in this folder.
