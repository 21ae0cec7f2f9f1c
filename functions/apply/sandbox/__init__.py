"""Local stand-ins' data (a package so the build ships its JSON): xuexin.json backs sections/xuexin.py's
SandboxXuexin."""
