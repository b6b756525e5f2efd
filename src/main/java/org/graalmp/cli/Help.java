package org.graalmp.cli;

/** {@code graalmp -h}: python3's option list, saying where graalmp differs. */
final class Help {

    static final String TEXT = Main.USAGE_LINE + "\n" + """
            Runs a Python program on GraalPy with graalmp's multiprocessing, like python3 does.
            Options (and corresponding environment variables):
            -b     : issue warnings about str(bytes_instance), ... (-bb: errors); as the
                     BytesWarning filter only: sys.flags.bytes_warning stays 0 on GraalPy
            -B     : don't write .pyc files on import; also PYTHONDONTWRITEBYTECODE=x
            -c cmd : program passed in as string (terminates option list)
            -d     : accepted, no effect (parser debugging output)
            -E     : ignore PYTHON* environment variables (such as PYTHONWARNINGS)
            -h     : print this help message and exit (also -? or --help)
            -i     : not supported (graalmp has no interactive mode)
            -I     : isolate Python from the user's environment (implies -E, -P and -s)
            -m mod : run library module as a script (terminates option list)
            -O     : remove assert and __debug__-dependent statements
            -OO    : as -O (GraalPy keeps docstrings)
            -P     : don't prepend a potentially unsafe path to sys.path
            -q     : don't print version and copyright messages on interactive startup
            -s     : don't add user site directory to sys.path
            -S     : don't imply 'import site' on initialization
            -u     : force the stdout and stderr streams to be unbuffered;
                     also PYTHONUNBUFFERED=x
            -v     : verbose (trace import statements)
            -V     : print the version of graalmp, GraalPy, Python and the JDK, and exit
                     (also --version)
            -W arg : warning control; arg is action:message:category:module:lineno
                     also PYTHONWARNINGS=arg
            -x     : skip first line of source, allowing use of non-Unix forms of #!cmd
            -X opt : set implementation-specific option (in sys._xoptions); graalmp acts on
                     faulthandler, dev, int_max_str_digits=N, pycache_prefix=PATH and
                     warn_default_encoding, and accepts the others
            --check-hash-based-pycs always|default|never:
                     control how Python invalidates hash-based .pyc files
            --help-env, --help-xoptions, --help-all: as --help
            Arguments:
            file   : program read from script file
            -      : program read from stdin (default; interactive mode if a tty,
                     which graalmp does not support)
            arg ...: arguments passed to program in sys.argv[1:]
            """;

    private Help() {
    }
}
