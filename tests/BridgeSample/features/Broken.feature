Feature: A file with a syntax error

  Scenario: Fine so far
    Given a calculator

  This line is not Gherkin at all
  Scenario Outline
