// NotesLint: module placeholder, filled by its issue.
