extension BlackHoleCause {
    /// The cause chain as steps a reviewer can click through (SARIF `codeFlows`): each
    /// announcement at the receiving router's definition, what keeps the route alive at the Null0
    /// line, what is missing at the dropping router.
    public func steps(routeAt route: SourceLocation?, in network: Network?) -> [Finding.Step] {
        func at(_ router: String) -> SourceLocation? { network?.router(named: router)?.location }
        var steps = zip(announcements, chain).map { announcement, sentence in
            Finding.Step(message: sentence, location: at(announcement.receiver))
        }
        steps.append(Finding.Step(message: keptAliveBy, location: route ?? at(droppingRouter)))
        steps.append(Finding.Step(message: missingReachability, location: at(droppingRouter)))
        return steps
    }

    /// The static route that drops the traffic, as the network defines it.
    public func droppingRoute(in network: Network) -> SourceLocation? {
        guard let place = droppingRouteLocation else { return nil }
        return network.router(named: droppingRouter)?.staticRoutes.first { $0.location.description == place }?.location
    }
}
