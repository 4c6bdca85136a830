// The real @apollo/rover downloads a binary when installed, which these machines cannot do, so this
// workspace takes its name (the suite asks for ^0.12.2). Nothing should load it: the suite's pm2 mode
// runs `rover` from PATH, where tests/compat/run.sh puts our stand-in (tests/compat/bin/rover).
throw new Error(
  '@apollo/rover is a placeholder in this repository: run the compatibility suite with ' +
    '`bash tests/compat/run.sh`, which puts the rover stand-in (tests/compat/bin/rover) on PATH.',
);
