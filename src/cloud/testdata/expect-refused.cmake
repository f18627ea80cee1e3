# cloud_mapping_refused: etguard-cloud-mapc must exit 1 on MAPPING and name
# each problem with its line.
execute_process(COMMAND ${MAPC} ${MAPPING} RESULT_VARIABLE code ERROR_VARIABLE errors)
if(NOT code EQUAL 1)
  message(FATAL_ERROR "expected exit 1, got ${code}: ${errors}")
endif()
foreach(expected
    "bad-mapping.yaml:9:3: unknown-check: 's3_bucket_made_up_check'"
    "bad-mapping.yaml:10:51: unknown-clause: 'ET-8.2.9'"
    "bad-mapping.yaml:11:58: clause-outside-topic: 'ET-8.1.1'"
    "bad-mapping.yaml:12:25: unknown-topic: topic 'magic'"
    "4 problem(s)")
  string(FIND "${errors}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "missing '${expected}' in:\n${errors}")
  endif()
endforeach()
