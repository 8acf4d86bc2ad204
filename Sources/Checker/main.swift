print("checker: under construction")
