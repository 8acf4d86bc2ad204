// Statistics: module placeholder, filled by its issue.
