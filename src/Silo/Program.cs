// The silo host: filled in by the hosting extensions (see Hosting/).
Console.WriteLine("Ipt.Cluster silo");
