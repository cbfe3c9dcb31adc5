"""One reader per format family. They run only inside the sandbox (locker/sandbox), never in the app process."""
