@echo off
rem The `strata` command on Windows: runs the bundled command line on the user's Node, because
rem the app's own runtime has the runAsNode fuse off (see resources\bin\strata beside this file).
setlocal
set "STRATA_RESOURCES=%~dp0.."
if defined STRATA_NODE (set "STRATA_NODE_EXE=%STRATA_NODE%") else (set "STRATA_NODE_EXE=node")
"%STRATA_NODE_EXE%" --max-semi-space-size=2 --initial-old-space-size=64 "%STRATA_RESOURCES%\cli\strata.mjs" %*
exit /b %ERRORLEVEL%
