using TrainService.Models.Training;

namespace TrainService.Jobs.Execution;

/// <summary>
/// Extra observers for every training run (registered in DI): a place for integrations such as
/// external trackers, and for tests that need to act at a given step or epoch.
/// </summary>
public interface ITrainingObserverFactory
{
    ITrainingObserver Create(Guid jobId);
}
