// The planner module; see README.md in this folder.
