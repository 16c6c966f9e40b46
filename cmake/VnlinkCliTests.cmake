# CLI tests: golden files (testdata/*.reg, run by scripts/run-regressions.sh at one and four
# threads), the negative control that proves the golden harness can fail, and the check
# that every subcommand's man page agrees with its --help.
set(VNLINK_SCRIPTS ${PROJECT_SOURCE_DIR}/scripts)

file(GLOB VNLINK_REG_FILES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/testdata/*.reg)
foreach(reg IN LISTS VNLINK_REG_FILES)
  get_filename_component(name ${reg} NAME_WE)
  foreach(threads 1 4)
    add_test(NAME cli.${name}.threads${threads}
             COMMAND bash ${VNLINK_SCRIPTS}/run-regressions.sh --vnlink $<TARGET_FILE:vnlink>
                     --threads ${threads} ${reg})
    set_tests_properties(cli.${name}.threads${threads} PROPERTIES LABELS cli)
  endforeach()
endforeach()

add_test(NAME cli.negative_control
         COMMAND bash ${VNLINK_SCRIPTS}/negative-control.sh $<TARGET_FILE:vnlink>)
add_test(NAME cli.man_pages_match_help
         COMMAND bash ${VNLINK_SCRIPTS}/lint-man.sh $<TARGET_FILE:vnlink> ${PROJECT_SOURCE_DIR}/man)
set_tests_properties(cli.negative_control cli.man_pages_match_help PROPERTIES LABELS cli)

# The audit report rendered by a real (headless) Chromium: not blank, no console errors,
# well-formed HTML (installs chromium and xmllint from Debian when missing).
add_test(NAME cli.report_browser
         COMMAND bash ${VNLINK_SCRIPTS}/test-report-browser.sh $<TARGET_FILE:vnlink>)
set_tests_properties(cli.report_browser PROPERTIES LABELS cli TIMEOUT 300)

# The national-scale workflow on a real one-node Slurm (and with GNU parallel): its clusters
# must be byte-identical to a single-process `vnlink dedupe`. Starts and stops the daemons.
add_test(NAME cli.slurm
         COMMAND bash ${VNLINK_SCRIPTS}/test-slurm.sh $<TARGET_FILE:vnlink>)
set_tests_properties(cli.slurm PROPERTIES LABELS cli TIMEOUT 1200 RUN_SERIAL TRUE)
