// The connectors module; see README.md in this folder.
