@guide-test-2 @presign @order:3
Feature: Presign and S3 uploads
  Guide test 2 identifies object storage (MinIO) IOPS bottlenecks and presigned URL performance:
  users ask the API for a presigned URL, then put the page straight into object storage.

  Scenario: Users upload pages straight to object storage
    When the presign and S3 uploads test runs
    Then the test meets these criteria:
      | criterion              | threshold  | warning      |
      | presign success rate   | above 95 % | 90 % to 95 % |
      | S3 upload success rate | above 95 % | 90 % to 95 % |
      | presign P95 latency    | below 1 s  |              |
      | S3 upload P95 latency  | below 10 s |              |
    And every error is classified as the guide's table says
    And the bottleneck diagnosis quotes its evidence
