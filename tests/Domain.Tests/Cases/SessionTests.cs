using Ipt.Cluster.Cases;
using Ipt.Cluster.Errors;

namespace Ipt.Cluster.Domain.Tests.Cases;

public sealed class SessionTests
{
    [Fact]
    public void Sessions_are_numbered_one_to_n_without_gaps_whatever_the_attendance()
    {
        var c = CaseBuilder.Opened().InMiddlePhase();
        c.Session(Attendance.Attended);
        c.Session(Attendance.Cancelled);
        c.Session(Attendance.Missed);
        c.Session(Attendance.Attended);

        Assert.Equal([1, 2, 3, 4], c.Case.Sessions.Select(s => s.Number));
    }

    [Fact]
    public void A_session_given_the_wrong_number_is_refused()
    {
        var c = CaseBuilder.Opened().InMiddlePhase();
        c.Session();

        var error = c.Refuse(new LogSession(3, c.Today, Attendance.Attended, [], null));
        Assert.Equal(ErrorCodes.SessionNumber, error.Code);
        Assert.Equal("number", error.Field);

        c.Accept(new LogSession(2, c.Today, Attendance.Attended, [], null));
    }

    [Fact]
    public void Sessions_are_logged_in_date_order()
    {
        var c = CaseBuilder.Opened().InMiddlePhase();
        c.Session();

        var error = c.Refuse(new LogSession(null, c.Today.AddDays(-1), Attendance.Attended, [], null));

        Assert.Equal("date", error.Field);
        c.Accept(new LogSession(null, c.Today, Attendance.Attended, [], "a second session the same day"));
    }

    [Fact]
    public void A_session_cannot_be_logged_for_a_future_date()
    {
        var c = CaseBuilder.Opened().InMiddlePhase();
        var error = c.Refuse(new LogSession(null, c.Today.AddDays(2), Attendance.Attended, [], null));
        Assert.Equal(ErrorCodes.OutOfRange, error.Code);
        Assert.Equal("date", error.Field);
    }

    [Fact]
    public void No_session_is_logged_during_intake()
    {
        var c = CaseBuilder.Opened();
        var error = c.Refuse(new LogSession(null, c.Today, Attendance.Attended, [], null));
        Assert.Equal(ErrorCodes.PhaseNotAllowed, error.Code);
    }

    [Fact]
    public void The_first_sessions_belong_to_the_initial_phase()
    {
        var c = CaseBuilder.Opened().InInitialPhase();
        c.Session();
        Assert.Equal(CasePhase.Initial, c.Case.Sessions[0].Phase);
    }

    [Fact]
    public void A_session_records_the_techniques_used_once_each()
    {
        var c = CaseBuilder.Opened().InMiddlePhase();

        var logged = c.Session(Attendance.Attended, Technique.CommunicationAnalysis, Technique.RolePlay, Technique.CommunicationAnalysis);

        var session = Assert.IsType<SessionLogged>(logged.Facts()[0]).Session;
        Assert.Equal([Technique.CommunicationAnalysis, Technique.RolePlay], session.Techniques);
        Assert.Equal(CasePhase.Middle, session.Phase);
        Assert.Equal(session, c.Case.Sessions.Single());
    }

    [Fact]
    public void An_unknown_technique_is_refused()
    {
        var c = CaseBuilder.Opened().InMiddlePhase();
        var error = c.Refuse(new LogSession(null, c.Today, Attendance.Attended, [(Technique)99], null));
        Assert.Equal("techniques[0]", error.Field);
    }
}
