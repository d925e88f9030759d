using NUnit.Framework;
using Reqnroll;

namespace BridgeSample;

/// <summary>Shared per scenario through context injection.</summary>
public sealed class Calculator
{
    public int Result { get; set; }
    public string Note { get; set; } = "";
}

[Binding]
public sealed class CalculatorSteps(Calculator calculator)
{
    [Given("a calculator")]
    public void GivenACalculator() => calculator.Result = 0;

    [When("I add {int} and {int}")]
    public void WhenIAdd(int a, int b) => calculator.Result = a + b;

    [When("I add all of")]
    public void WhenIAddAllOf(Table table) => calculator.Result = table.Rows.Sum(r => int.Parse(r["number"]));

    [Then("the result is {int}")]
    public void ThenTheResultIs(int expected) => Assert.That(calculator.Result, Is.EqualTo(expected));

    [Then("the note reads")]
    public void ThenTheNoteReads(string docString) => Assert.That(docString, Is.EqualTo("six, as expected"));

    [When("I do something not written yet")]
    public void WhenPending() => throw new PendingStepException();

    [When("the calculator breaks")]
    public void WhenItBreaks() => throw new InvalidOperationException("the calculator is broken");
}
