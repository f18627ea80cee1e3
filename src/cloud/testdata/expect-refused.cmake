# cloud_mapping_refused / cloud_rules_refused: etguard-cloud-mapc must exit 1
# on MAPPING (bad-mapping.yaml or bad-rules.yaml) and name each problem with
# its line and column.
execute_process(COMMAND ${MAPC} ${MAPPING} RESULT_VARIABLE code ERROR_VARIABLE errors)
if(NOT code EQUAL 1)
  message(FATAL_ERROR "expected exit 1, got ${code}: ${errors}")
endif()
if(MAPPING MATCHES "bad-rules.yaml$")
  set(expected_problems
      "bad-rules.yaml:8:129: unknown-clause: 'ET-8.1.9'"
      "bad-rules.yaml:9:10: duplicate-id: rule 'aws_kms_key.enable_key_rotation' is given twice"
      "bad-rules.yaml:10:5: bad-condition: rule 'aws_db_instance.backup' needs exactly one of"
      "bad-rules.yaml:11:181: unknown-key: unknown key 'severity'"
      "bad-rules.yaml:12:131: bad-value: image 'signed' is neither trusted_registry nor pinned"
      "5 problem(s)")
else()
  set(expected_problems
      "bad-mapping.yaml:9:3: unknown-check: 's3_bucket_made_up_check'"
      "bad-mapping.yaml:10:51: unknown-clause: 'ET-8.2.9'"
      "bad-mapping.yaml:11:58: clause-outside-topic: 'ET-8.1.1'"
      "bad-mapping.yaml:12:25: unknown-topic: topic 'magic'"
      "4 problem(s)")
endif()
foreach(expected ${expected_problems})
  string(FIND "${errors}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "missing '${expected}' in:\n${errors}")
  endif()
endforeach()
