@acceptance @order:6
Feature: Acceptance criteria
  The system handles the expected concurrency without more than 5 % job failure due to
  infrastructure. Each criterion of the guide is judged on the evidence of the test it names.

  @criterion-1
  Scenario: Criterion 1 - the system handles the expected concurrency
    Given the concurrent uploads test has run
    Then acceptance criterion 1 is met: "System handles expected concurrency"
      | criterion    | threshold  | warning      |
      | success rate | above 95 % | 90 % to 95 % |

  @criterion-2
  Scenario: Criterion 2 - no more than 5 % job failure due to infrastructure
    Given the worker processing test has run
    Then acceptance criterion 2 is met: "No more than 5 % job failure due to infrastructure"
      | criterion        | threshold |
      | job failure rate | below 5 % |

  @criterion-3
  Scenario: Criterion 3 - object storage handles the IOPS
    Given the presign and S3 uploads test has run
    Then acceptance criterion 3 is met: "MinIO IOPS handling"
      | criterion              | threshold  | warning      |
      | S3 upload success rate | above 95 % | 90 % to 95 % |
      | S3 upload P95 latency  | below 10 s |              |

  @criterion-4
  Scenario: Criterion 4 - the database handles its locks
    Given the bottleneck detection test has run
    Then acceptance criterion 4 is met: "Database lock handling"
      | criterion           | threshold          |
      | deadlocks           | at most 0 deadlocks |
      | connection pool use | below 100 %        |
