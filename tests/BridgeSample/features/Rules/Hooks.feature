Feature: Rules and hooks

  Background:
    Given the hook log is open

  Rule: Hooks run in their order
    Background:
      Given a calculator

    @tagged
    Scenario: Tagged scenario sees tag-scoped hooks
      Then the hooks so far are "BeforeScenario(1), BeforeScenario(2), BeforeScenario(tagged)"

    Scenario: Untagged scenario does not
      Then the hooks so far are "BeforeScenario(1), BeforeScenario(2)"
