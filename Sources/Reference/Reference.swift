// Reference: module placeholder, filled by its issue.
