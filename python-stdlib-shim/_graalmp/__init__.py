"""graalmp's private helpers: the program runner and the door to the Java side."""
